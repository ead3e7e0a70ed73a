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
import java.time.Instant;

/**
 * One try at paying an order. Each attempt has its own Toss orderId (a used one cannot be reused at Toss)
 * and its own idempotency key for confirm. At most one attempt per order is CONFIRMING or DONE (partial unique index).
 */
@Entity
@Table(name = "payment_attempts")
public class PaymentAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private Long orderId;

    @Column(name = "attempt_no", nullable = false, updatable = false)
    private int attemptNo;

    @Column(name = "toss_order_id", nullable = false, updatable = false)
    private String tossOrderId;

    @Column(name = "idempotency_key", nullable = false, updatable = false)
    private String idempotencyKey;

    @Column(name = "payment_key")
    private String paymentKey;

    private String method;

    @Column(nullable = false, updatable = false)
    private long amount;

    @Column(name = "approved_amount")
    private Long approvedAmount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PaymentStatus status = PaymentStatus.READY;

    @Column(name = "failure_code")
    private String failureCode;

    @Column(name = "failure_message")
    private String failureMessage;

    @Column(name = "receipt_url")
    private String receiptUrl;

    @Column(name = "raw_response")
    private String rawResponse;

    @Column(name = "requested_at")
    private Instant requestedAt;

    @Column(name = "approved_at")
    private Instant approvedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected PaymentAttempt() {
    }

    public PaymentAttempt(Long orderId, String orderNumber, int attemptNo, long amount, Instant now) {
        this.orderId = orderId;
        this.attemptNo = attemptNo;
        this.tossOrderId = tossOrderId(orderNumber, attemptNo);
        this.idempotencyKey = "confirm:" + tossOrderId;
        this.amount = amount;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Toss wants 6–64 characters of [A-Za-z0-9_-]; the order number plus the attempt number fits. */
    public static String tossOrderId(String orderNumber, int attemptNo) {
        return orderNumber + "-" + attemptNo;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public void confirming(String paymentKey, Instant requestedAt) {
        requireStatus(PaymentStatus.READY, PaymentStatus.CONFIRMING);
        this.status = PaymentStatus.CONFIRMING;
        this.paymentKey = paymentKey;
        this.requestedAt = requestedAt;
    }

    public void approved(String method, long approvedAmount, Instant approvedAt, String receiptUrl, String rawResponse) {
        requireStatus(PaymentStatus.CONFIRMING, PaymentStatus.DONE);
        this.status = PaymentStatus.DONE;
        this.method = method;
        this.approvedAmount = approvedAmount;
        this.approvedAt = approvedAt;
        this.receiptUrl = receiptUrl;
        this.rawResponse = rawResponse;
    }

    public void failed(PaymentStatus outcome, String code, String message, String rawResponse) {
        if (outcome == PaymentStatus.DONE || outcome == PaymentStatus.READY || outcome == PaymentStatus.CONFIRMING) {
            throw new IllegalArgumentException(outcome + " is not a failure");
        }
        if (this.status == PaymentStatus.DONE) {
            throw new IllegalStateException("attempt " + tossOrderId + " is already DONE");
        }
        this.status = outcome;
        this.failureCode = code;
        this.failureMessage = message;
        this.rawResponse = rawResponse;
    }

    /** A refund of a DONE attempt went through. */
    public void canceled(String rawResponse) {
        requireStatus(PaymentStatus.DONE, PaymentStatus.CANCELED);
        this.status = PaymentStatus.CANCELED;
        this.rawResponse = rawResponse;
    }

    private void requireStatus(PaymentStatus expected, PaymentStatus next) {
        if (status != expected) {
            throw new IllegalStateException("attempt " + tossOrderId + " cannot move from " + status + " to " + next);
        }
    }

    public Long getId() { return id; }
    public Long getOrderId() { return orderId; }
    public int getAttemptNo() { return attemptNo; }
    public String getTossOrderId() { return tossOrderId; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public String getPaymentKey() { return paymentKey; }
    public String getMethod() { return method; }
    public long getAmount() { return amount; }
    public Long getApprovedAmount() { return approvedAmount; }
    public PaymentStatus getStatus() { return status; }
    public String getFailureCode() { return failureCode; }
    public String getFailureMessage() { return failureMessage; }
    public String getReceiptUrl() { return receiptUrl; }
    public String getRawResponse() { return rawResponse; }
    public Instant getRequestedAt() { return requestedAt; }
    public Instant getApprovedAt() { return approvedAt; }
    public Instant getCreatedAt() { return createdAt; }
}
