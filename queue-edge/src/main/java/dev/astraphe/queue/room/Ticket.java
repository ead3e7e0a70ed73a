package dev.astraphe.queue.room;

/**
 * A shopper's place, carried in a signed cookie so that polls need neither the session nor Redis.
 * Sequence 0 means "in the pre-queue, not yet shuffled". {@code aheadAtIssue} is how many were ahead when the place
 * was given (0: not known, as in tickets from before it was carried): the progress bar's start, kept across a reload.
 */
record Ticket(long productId, long userId, long sequence, long issuedAtMillis, long aheadAtIssue) {

    static final long PREQUEUE = 0;

    Ticket(long productId, long userId, long sequence, long issuedAtMillis) {
        this(productId, userId, sequence, issuedAtMillis, 0);
    }

    /** The same place, issued again at {@code nowMillis}. */
    Ticket renewed(long nowMillis) {
        return new Ticket(productId, userId, sequence, nowMillis, aheadAtIssue);
    }

    boolean inPrequeue() {
        return sequence == PREQUEUE;
    }

    static String cookieName(long productId) {
        return "ASTRAPHE_TKT_" + productId;
    }
}
