package dev.astraphe.queue.room;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ticket cookie's HMAC secret (base64url, at least 32 bytes), inline or in a file the local stack writes. Every
 * queue-edge instance must share it, and it must outlive a restart: queue-edge refuses to start without one.
 */
@ConfigurationProperties("astraphe.ticket")
record TicketProperties(String secret, String secretFile) {
}
