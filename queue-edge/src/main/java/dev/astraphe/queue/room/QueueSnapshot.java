package dev.astraphe.queue.room;

import dev.astraphe.shared.queue.QueueKeys;

/**
 * A product's queue as the last refresh saw it: all a poll needs besides its ticket. {@code since} is when this
 * waiting room began, if it replaced the one of the product's sale before (epoch millis; 0 otherwise).
 */
record QueueSnapshot(long serving, long prequeued, boolean shuffled, long waiting, String state,
                     boolean soldOut, boolean allHeld, long admitted, long dropped, long joined, long since, long drawnFor) {

    static final QueueSnapshot EMPTY = new QueueSnapshot(0, 0, false, 0, "RUNNING", false, false, 0, 0, 0, 0);

    /** A snapshot whose pre-queue, if drawn, was drawn at the sale's start. */
    QueueSnapshot(long serving, long prequeued, boolean shuffled, long waiting, String state, boolean soldOut,
                  boolean allHeld, long admitted, long dropped, long joined, long since) {
        this(serving, prequeued, shuffled, waiting, state, soldOut, allHeld, admitted, dropped, joined, since, 0);
    }

    static QueueSnapshot parse(String reply) {
        String[] f = reply.split("\\|", -1);
        return new QueueSnapshot(num(f[0]), num(f[1]), "1".equals(f[2]), num(f[3]), f[4],
                "1".equals(f[5]), "1".equals(f[6]), num(f[7]), num(f[8]), num(f[9]), num(f[10]),
                f.length > 11 ? num(f[11]) : 0);
    }

    /**
     * Whether the pre-queue was drawn, or is being drawn, for another start than {@code start}: the sale was postponed
     * after its draw began, and takes newcomers only from its new start (the join script's rule). 0 (none begun, or
     * drawn before the start was recorded) is taken for the sale's own start.
     */
    boolean drawnBefore(long start) {
        return drawnFor != 0 && drawnFor != start;
    }

    /**
     * Whether a ticket belongs to this waiting room rather than to the one of the product's sale before, whose
     * sequences and pre-queue are gone: a ticket lasts two days, and a product may be sold again sooner.
     */
    boolean issued(Ticket ticket) {
        return ticket.issuedAtMillis() >= since;
    }

    /**
     * Position in the line counting from the first shuffled pre-queue member: pre-queue members hold
     * sequences 1..k, later arrivals start above {@link QueueKeys#LATER_ARRIVALS_OFFSET}.
     */
    long position(long sequence) {
        return sequence > QueueKeys.LATER_ARRIVALS_OFFSET ? prequeued + (sequence - QueueKeys.LATER_ARRIVALS_OFFSET) : sequence;
    }

    /** People ahead of a sequence: an estimate (those who left behind the front still count) that never goes below 0. */
    long ahead(long sequence) {
        return Math.max(0, position(sequence) - position(serving) - 1);
    }

    /** Whether the line has moved past this sequence (the holder was admitted or dropped). */
    boolean passed(long sequence) {
        return serving > 0 && position(sequence) <= position(serving);
    }

    private static long num(String s) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        return (long) Double.parseDouble(s);
    }
}
