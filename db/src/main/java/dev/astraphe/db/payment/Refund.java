package dev.astraphe.db.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;

/**
 * A durable refund job: retried with the same idempotency key until Toss says it is done, so a shopper is never
 * left charged for an order that is not fulfilled.
 */
@Entity
@Table(name = "refunds")
public class Refund {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private Long orderId;

    @Column(name = "payment_attempt_id", nullable = false, updatable = false)
    private Long paymentAttemptId;

    @Column(nullable = false, updatable = false)
    private long amount;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Column(name = "idempotency_key", nullable = false, updatable = false)
    private String idempotencyKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RefundStatus status = RefundStatus.REQUESTED;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Version
    private long version;

    protected Refund() {
    }

    public Refund(Long orderId, PaymentAttempt payment, String reason, Instant now) {
        this.orderId = orderId;
        this.paymentAttemptId = payment.getId();
        this.amount = payment.getApprovedAmount() != null ? payment.getApprovedAmount() : payment.getAmount();
        this.reason = reason;
        this.idempotencyKey = "cancel:" + payment.getTossOrderId();
        this.createdAt = now;
        this.updatedAt = now;
        this.nextAttemptAt = now;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public void succeeded(Instant now) {
        attempts++;
        status = RefundStatus.DONE;
        completedAt = now;
        lastError = null;
    }

    /** Records a failed try; after maxAttempts the job stops and the refund is FAILED. */
    public void triedAndFailed(String error, Instant now, Duration backoff, int maxAttempts) {
        attempts++;
        lastError = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
        if (attempts >= maxAttempts) {
            status = RefundStatus.FAILED;
        } else {
            nextAttemptAt = now.plus(backoff);
        }
    }

    /** Someone looked at a FAILED refund and wants the job to try again, with the same idempotency key. */
    public void reopen(Instant now) {
        if (status != RefundStatus.FAILED) {
            throw new IllegalStateException("only a FAILED refund can be reopened, this one is " + status);
        }
        status = RefundStatus.REQUESTED;
        attempts = 0;
        nextAttemptAt = now;
    }

    public Long getId() { return id; }
    public Long getOrderId() { return orderId; }
    public Long getPaymentAttemptId() { return paymentAttemptId; }
    public long getAmount() { return amount; }
    public String getReason() { return reason; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public RefundStatus getStatus() { return status; }
    public int getAttempts() { return attempts; }
    public String getLastError() { return lastError; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getCompletedAt() { return completedAt; }
}
