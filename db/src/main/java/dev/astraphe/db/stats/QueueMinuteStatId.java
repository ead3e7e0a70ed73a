package dev.astraphe.db.stats;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

@Embeddable
public record QueueMinuteStatId(
        @Column(name = "product_id", nullable = false) Long productId,
        @Column(name = "minute", nullable = false) Instant minute) {
}
