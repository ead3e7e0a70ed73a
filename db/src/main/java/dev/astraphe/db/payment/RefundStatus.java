package dev.astraphe.db.payment;

public enum RefundStatus {
    REQUESTED,
    DONE,
    /** Given up after the retry budget; someone has to look at it. */
    FAILED
}
