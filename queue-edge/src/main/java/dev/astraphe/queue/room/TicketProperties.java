package dev.astraphe.queue.room;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ticket cookie's HMAC secret (base64url), inline or in a file the local stack writes. Every
 * queue-edge instance must share it; without either, a random per-process secret is used (one instance only).
 */
@ConfigurationProperties("astraphe.ticket")
record TicketProperties(String secret, String secretFile) {
}
