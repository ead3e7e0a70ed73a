package dev.astraphe.db.payment;

/** Our side of a Toss payment attempt; DONE / CANCELED / ABORTED / EXPIRED mirror the Toss statuses. */
public enum PaymentStatus {
    /** Created before the widget opens; Toss has not seen it confirmed. */
    READY,
    /** Confirm was sent (or is about to be); the outcome must be looked up if we crashed. */
    CONFIRMING,
    DONE,
    /** Toss refused it (fail redirect or a confirm error). */
    FAILED,
    CANCELED,
    PARTIAL_CANCELED,
    ABORTED,
    EXPIRED
}
