package dev.astraphe.queue.room;

/**
 * A shopper's place, carried in a signed cookie so that polls need neither the session nor Redis.
 * Sequence 0 means "in the pre-queue, not yet shuffled".
 */
record Ticket(long productId, long userId, long sequence, long issuedAtMillis) {

    static final long PREQUEUE = 0;

    boolean inPrequeue() {
        return sequence == PREQUEUE;
    }

    static String cookieName(long productId) {
        return "ASTRAPHE_TKT_" + productId;
    }
}
