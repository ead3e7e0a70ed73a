package dev.astraphe.db.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * The order lifecycle. Transitions never move backwards, except PAYING → RESERVED when a payment attempt
 * failed and the shopper may retry before the reservation expires.
 */
public enum OrderStatus {
    PENDING,
    RESERVED,
    PAYING,
    PAID,
    REJECTED,
    EXPIRED,
    CANCELLED;

    /** The statuses whose units count as held against the product's stock. */
    public static final Set<OrderStatus> HOLDING = EnumSet.of(RESERVED, PAYING, PAID);

    /** Holding units that may still come back: reserved or being paid, not yet paid. */
    public static final Set<OrderStatus> UNPAID_HOLDING = EnumSet.of(RESERVED, PAYING);

    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case PENDING -> next == RESERVED || next == REJECTED || next == CANCELLED;
            case RESERVED -> next == PAYING || next == EXPIRED || next == CANCELLED;
            case PAYING -> next == PAID || next == RESERVED || next == EXPIRED || next == CANCELLED;
            case PAID -> next == CANCELLED;
            case REJECTED, EXPIRED, CANCELLED -> false;
        };
    }

    public boolean isTerminal() {
        return this == REJECTED || this == EXPIRED || this == CANCELLED;
    }

    public boolean holdsUnits() {
        return HOLDING.contains(this);
    }
}
