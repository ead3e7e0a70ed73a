package dev.astraphe.db.follow;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A shopper asked to be told when a sale opens. */
@Entity
@Table(name = "sale_follows")
public class SaleFollow {

    @EmbeddedId
    private SaleFollowId id;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected SaleFollow() {
    }

    public SaleFollow(Long shopperId, Long productId, Instant now) {
        this.id = new SaleFollowId(shopperId, productId);
        this.createdAt = now;
    }

    public SaleFollowId getId() { return id; }
    public Long getShopperId() { return id.shopperId(); }
    public Long getProductId() { return id.productId(); }
    public Instant getCreatedAt() { return createdAt; }
}
