package dev.astraphe.queue.admission;

import java.time.Instant;

/** One admission: its unique id (the token's {@code jti}), the signed token and when it stops being valid. */
public record Admission(String admissionId, String token, Instant expiresAt) {
}
