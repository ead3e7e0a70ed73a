package dev.astraphe.db.order;

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
 * A shopper's order of one product. Its status only moves along {@link OrderStatus#canMoveTo}, and every
 * move stamps its own timestamp. The entity name avoids the JPQL keyword ORDER.
 */
@Entity(name = "ShopOrder")
@Table(name = "orders")
public class Order {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_number", nullable = false, updatable = false)
    private String orderNumber;

    @Column(name = "shopper_id", nullable = false, updatable = false)
    private Long shopperId;

    @Column(name = "product_id", nullable = false, updatable = false)
    private Long productId;

    @Column(name = "option_id", updatable = false)
    private Long optionId;

    @Column(nullable = false, updatable = false)
    private int quantity;

    @Column(name = "unit_price", nullable = false, updatable = false)
    private long unitPrice;

    @Column(nullable = false, updatable = false)
    private long amount;

    @Column(name = "recipient_name", nullable = false)
    private String recipientName;

    @Column(name = "recipient_phone", nullable = false)
    private String recipientPhone;

    @Column(name = "postal_code", nullable = false)
    private String postalCode;

    @Column(name = "address_line1", nullable = false)
    private String addressLine1;

    @Column(name = "address_line2", nullable = false)
    private String addressLine2 = "";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrderStatus status = OrderStatus.PENDING;

    @Column(name = "reject_reason")
    private String rejectReason;

    @Column(name = "admission_id", nullable = false, updatable = false)
    private String admissionId;

    @Column(name = "idempotency_key", nullable = false, updatable = false)
    private String idempotencyKey;

    @Column(name = "request_fingerprint", nullable = false, updatable = false)
    private String requestFingerprint;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "reserved_at")
    private Instant reservedAt;

    @Column(name = "paying_at")
    private Instant payingAt;

    @Column(name = "paid_at")
    private Instant paidAt;

    @Column(name = "rejected_at")
    private Instant rejectedAt;

    @Column(name = "expired_at")
    private Instant expiredAt;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @Column(name = "reservation_expires_at")
    private Instant reservationExpiresAt;

    @Version
    private long version;

    protected Order() {
    }

    public Order(String orderNumber, NewOrder request, Instant now) {
        this.orderNumber = orderNumber;
        this.shopperId = request.shopperId();
        this.productId = request.productId();
        this.optionId = request.optionId();
        this.quantity = request.quantity();
        this.unitPrice = request.unitPrice();
        this.amount = request.amount();
        DeliveryAddress address = request.address();
        this.recipientName = address.recipientName();
        this.recipientPhone = address.recipientPhone();
        this.postalCode = address.postalCode();
        this.addressLine1 = address.line1();
        this.addressLine2 = address.line2() == null ? "" : address.line2();
        this.admissionId = request.admissionId();
        this.idempotencyKey = request.idempotencyKey();
        this.requestFingerprint = request.fingerprint();
        this.createdAt = now;
        this.updatedAt = now;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    /** True when a retry with this order's idempotency key asks for the same thing. */
    public boolean isSameRequestAs(NewOrder request) {
        return requestFingerprint.equals(request.fingerprint());
    }

    /** Moves the order on, or throws {@link IllegalStateException} for a move the lifecycle does not allow. */
    public void transition(OrderStatus to, Instant now) {
        if (!status.canMoveTo(to)) {
            throw new IllegalStateException("order " + orderNumber + " cannot move from " + status + " to " + to);
        }
        if ((to == OrderStatus.RESERVED || to == OrderStatus.PAYING) && reservationExpiresAt == null) {
            throw new IllegalStateException("order " + orderNumber + " needs a reservation expiry to be " + to);
        }
        status = to;
        switch (to) {
            case RESERVED -> reservedAt = reservedAt == null ? now : reservedAt;
            case PAYING -> payingAt = now;
            case PAID -> paidAt = now;
            case REJECTED -> rejectedAt = now;
            case EXPIRED -> expiredAt = now;
            case CANCELLED -> cancelledAt = now;
            case PENDING -> throw new IllegalStateException("nothing moves back to PENDING");
        }
    }

    public void reserve(Instant expiresAt, Instant now) {
        if (status == OrderStatus.PENDING) {
            reservationExpiresAt = expiresAt;
        }
        transition(OrderStatus.RESERVED, now);
    }

    public void reject(String reason, Instant now) {
        transition(OrderStatus.REJECTED, now);
        rejectReason = reason;
    }

    public boolean isReservationExpired(Instant now) {
        return reservationExpiresAt != null && !now.isBefore(reservationExpiresAt);
    }

    public DeliveryAddress deliveryAddress() {
        return new DeliveryAddress(recipientName, recipientPhone, postalCode, addressLine1, addressLine2);
    }

    public Long getId() { return id; }
    public String getOrderNumber() { return orderNumber; }
    public Long getShopperId() { return shopperId; }
    public Long getProductId() { return productId; }
    public Long getOptionId() { return optionId; }
    public int getQuantity() { return quantity; }
    public long getUnitPrice() { return unitPrice; }
    public long getAmount() { return amount; }
    public OrderStatus getStatus() { return status; }
    public String getRejectReason() { return rejectReason; }
    public String getAdmissionId() { return admissionId; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public String getRequestFingerprint() { return requestFingerprint; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getReservedAt() { return reservedAt; }
    public Instant getPayingAt() { return payingAt; }
    public Instant getPaidAt() { return paidAt; }
    public Instant getRejectedAt() { return rejectedAt; }
    public Instant getExpiredAt() { return expiredAt; }
    public Instant getCancelledAt() { return cancelledAt; }
    public Instant getReservationExpiresAt() { return reservationExpiresAt; }
    public long getVersion() { return version; }
}
