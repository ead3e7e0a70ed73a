package dev.astraphe.db.follow;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

@Embeddable
public record SaleFollowId(
        @Column(name = "shopper_id", nullable = false) Long shopperId,
        @Column(name = "product_id", nullable = false) Long productId) {
}
