package dev.astraphe.db.product;

/** What the seller or an admin decided about a sale; whether it is upcoming, open or ended follows from the clock. */
public enum SaleStatus {
    SCHEDULED,
    PAUSED,
    STOPPED,
    CANCELLED
}
