package dev.astraphe.queue.room;

import dev.astraphe.shared.queue.QueueKeys;

/**
 * A product's queue as the last refresh saw it: all a poll needs besides its ticket. {@code since} is when this
 * waiting room began, if it replaced the one of the product's sale before (epoch millis; 0 otherwise).
 */
record QueueSnapshot(long serving, long prequeued, boolean shuffled, long waiting, String state,
                     boolean soldOut, boolean allHeld, long admitted, long dropped, long joined, long since, long drawnFor,
                     Line line) {

    static final QueueSnapshot EMPTY = new QueueSnapshot(0, 0, false, 0, "RUNNING", false, false, 0, 0, 0, 0);

    /**
     * The line's shape: the sequence at its front and at its back, and how many places it holds (0, 0, 0 when empty
     * or unknown). Between them lie the holes that re-entries and drops left.
     */
    record Line(long front, long back, long size) {

        static final Line UNKNOWN = new Line(0, 0, 0);
    }

    /** A snapshot whose pre-queue, if drawn, was drawn at the sale's start, and whose line's shape is unknown. */
    QueueSnapshot(long serving, long prequeued, boolean shuffled, long waiting, String state, boolean soldOut,
                  boolean allHeld, long admitted, long dropped, long joined, long since) {
        this(serving, prequeued, shuffled, waiting, state, soldOut, allHeld, admitted, dropped, joined, since, 0);
    }

    /** A snapshot whose line's shape is unknown. */
    QueueSnapshot(long serving, long prequeued, boolean shuffled, long waiting, String state, boolean soldOut,
                  boolean allHeld, long admitted, long dropped, long joined, long since, long drawnFor) {
        this(serving, prequeued, shuffled, waiting, state, soldOut, allHeld, admitted, dropped, joined, since, drawnFor,
                Line.UNKNOWN);
    }

    static QueueSnapshot parse(String reply) {
        String[] f = reply.split("\\|", -1);
        Line line = f.length > 14 ? new Line(num(f[12]), num(f[13]), num(f[14])) : Line.UNKNOWN;
        return new QueueSnapshot(num(f[0]), num(f[1]), "1".equals(f[2]), num(f[3]), f[4],
                "1".equals(f[5]), "1".equals(f[6]), num(f[7]), num(f[8]), num(f[9]), num(f[10]),
                f.length > 11 ? num(f[11]) : 0, line);
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

    /**
     * People ahead of a sequence: exact at the front and at the back of the line, an estimate in between. Reading a
     * place's rank in the line on every poll would cost Redis a lookup per poll; instead the refresh reads the line's
     * front, back and size, and the places between the front and this one count as the line holds places on average
     * (re-entries and drops leave holes: a shopper who re-entered twice left two). A place behind the back (joined
     * since the refresh) has the whole line ahead and everyone who joined since. Without the line's shape, the places
     * since the last one served, holes included.
     */
    long ahead(long sequence) {
        long at = position(sequence);
        if (line.front() <= 0) {
            return Math.max(0, at - position(serving) - 1);
        }
        long front = position(line.front());
        long back = position(line.back());
        if (at <= front) {
            return 0;
        }
        if (at > back) {
            return line.size() + (at - back - 1);
        }
        // the line holds size places over back - front + 1 sequences, this one among them
        return Math.round((at - front) * (double) (line.size() - 1) / Math.max(1, back - front));
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
