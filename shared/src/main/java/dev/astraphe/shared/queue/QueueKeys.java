package dev.astraphe.shared.queue;

import java.time.Duration;
import java.util.List;

/**
 * Redis key names of a product's waiting room. Every key of one product carries the hash tag
 * {@code {<productId>}}, so the whole queue (and the sale hash it reads) lives in one Redis Cluster
 * slot and the Lua scripts may touch all of it atomically.
 *
 * <p>Written by queue-edge; the seller console's admin page reads the stats and history and writes
 * the control hash through a plain string template.
 */
public final class QueueKeys {

    /** Sequences given to arrivals after the start begin above this; the shuffled pre-queue takes 1..k. */
    public static final long LATER_ARRIVALS_OFFSET = 1_000_000_000L;

    /** Control hash field: {@code RUNNING} (also when absent), {@code PAUSED} or {@code STOPPED}. */
    public static final String CONTROL_STATE = "state";
    /** Control hash field: shoppers to admit at once, outside the ticks (HINCRBY it; queue-edge takes it within a second). */
    public static final String CONTROL_ADMIT_NOW = "admitNow";
    /**
     * What queue-edge made of the last admit-now: "asked:admitted:why:epoch millis", why being OK, UNITS (the units
     * left ran out first), SCAN (one pass's scan of the line did, past silent shoppers), LINE (the live shoppers in
     * line did), SOLD_OUT, ALL_HELD or STOPPED (nobody admitted).
     */
    public static final String CONTROL_ADMIT_NOW_RESULT = "admitNowResult";

    /** Stats hash fields (integers). */
    public static final String STAT_WAITING = "waiting";
    public static final String STAT_JOINED = "joined";
    public static final String STAT_ADMITTED = "admitted";
    public static final String STAT_DROPPED = "dropped";
    /**
     * Stats hash field: when the product's current waiting room began (epoch millis), set when queue-edge first stores
     * the product's schedule (also after a wipe of Redis) and when the product is sold again after a sale that ended;
     * absent (0) in a waiting room from before it was set. Tickets and history minutes from before it are another
     * waiting room's.
     */
    public static final String STAT_SINCE = "since";

    /**
     * Sale hash field: how long an admission holds a unit (millis), as queue-edge is configured
     * ({@code astraphe.queue.admitted-hold}), written with every schedule it stores. The seller console's admit-now and
     * board count the admissions still holding units by it, so the two apps cannot disagree about it.
     */
    public static final String SALE_ADMITTED_HOLD_MS = "admittedHoldMs";

    private QueueKeys() {
    }

    /**
     * The materialised sale schedule; also holds {@code available}, {@code soldOut} and {@code allHeld}, which the
     * order pipeline writes. {@code soldOut} is final for the sale: waiting pages stop polling when they see it, so
     * it must be set only once no unit can come back; while units may come back (held in unpaid orders) the pipeline
     * sets {@code allHeld} instead, and clears it when stock returns, which resumes admission.
     */
    public static String sale(long productId) {
        return "astraphe:sale:{" + productId + "}";
    }

    /** Hash: state and admitNow, written by the admin page. */
    public static String control(long productId) {
        return q(productId, "control");
    }

    /**
     * Hash: waiting, joined, admitted, dropped; plus queue-edge's bookkeeping ({@code serving} = highest
     * sequence taken off the line, {@code prequeued}, {@code shuffled}, {@code lastTick}, and {@code since}: when the
     * waiting room replaced the one of the product's sale before, whose tickets it no longer honours).
     */
    public static String stats(long productId) {
        return q(productId, "stats");
    }

    /** The most kept of one waiting room's minutes in its {@link #history}. */
    public static final Duration HISTORY_LONGEST = Duration.ofDays(7);

    /**
     * Sorted set, score = minute epoch seconds, member = JSON snapshot of the stats; 48 h kept, and the minutes of the
     * waiting room measured now for up to {@link #HISTORY_LONGEST}.
     */
    public static String history(long productId) {
        return q(productId, "history");
    }

    /** String counter handing out arrival sequences (INCR): admission order is arrival order. */
    public static String sequence(long productId) {
        return q(productId, "seq");
    }

    /** Sorted set of waiting users, score = the sequence of their place (the shopper's place is read from it). */
    public static String line(long productId) {
        return q(productId, "line");
    }

    /**
     * The hash user id → sequence that mirrored {@link #line}'s scores until 2026-12-06 (a place is its score in the
     * line: the copy cost a write per join batch and over a quarter of a waiting shopper's memory). Nothing reads or
     * writes it now; it is listed only so that a queue from before is removed whole.
     */
    public static String formerPlaces(long productId) {
        return q(productId, "places");
    }

    /**
     * Hash user id → last seen (epoch millis) of everybody waiting; stale ones are dropped when the line reaches them.
     * Only ever read and written one shopper at a time, so a hash rather than a sorted set: an update is a lookup,
     * not a skip list's removal and insertion. (Named {@code seen}: the sorted set it replaced was {@code beat}.)
     */
    public static String heartbeats(long productId) {
        return q(productId, "seen");
    }

    /**
     * The sorted set user id → last seen that {@link #heartbeats} replaced on 2026-12-06; read only to move what a Redis
     * from before then still holds into the hash.
     */
    public static String formerHeartbeats(long productId) {
        return q(productId, "beat");
    }

    /** Set of users who arrived in the pre-queue window (shuffled once at the start). */
    public static String prequeue(long productId) {
        return q(productId, "prequeue");
    }

    /** Hash user id → admission time (epoch millis). */
    public static String admitted(long productId) {
        return q(productId, "admitted");
    }

    /**
     * Sorted set user id → admission time, the admissions still inside the admission lifetime: each holds a unit of
     * {@code available} until it lapses. The order pipeline, when an order uses an admission, should remove that
     * user here in the same script that lowers {@code available} (the sale hash shares the slot); until then the unit
     * counts twice, and with quick buyers admissions can stall at about half the stock until the hold ends.
     */
    public static String recentAdmissions(long productId) {
        return q(productId, "recent");
    }

    /**
     * Counter of admissions made in tick {@code tick} (named by the instant it starts, epoch millis), by the tick itself
     * and by admit-at-once joins.
     */
    public static String tickBudget(long productId, long tick) {
        return q(productId, "budget:" + tick);
    }

    /** A tick's claim: holds the token of the instance that runs the tick, for 2T. */
    public static String tickLock(long productId, long tick) {
        return q(productId, "tick:" + tick);
    }

    /** The pre-queue's draw, while one instance runs it (its token, with an expiry). */
    public static String drawLock(long productId) {
        return q(productId, "draw");
    }

    /** SET NX lock: the instance that sets it appends the minute's history snapshot. */
    public static String minuteLock(long productId, long minuteEpochSecond) {
        return q(productId, "minute:" + minuteEpochSecond);
    }

    /**
     * The keys that hold a sale's waiting room, all but its history: what is removed once the sale is over. (The tick
     * budgets and locks expire by themselves.) The control hash comes first: queue-edge's schedule script asks it
     * whether the queue was stopped.
     */
    public static List<String> queueState(long productId) {
        return List.of(control(productId), stats(productId), sequence(productId), line(productId), formerPlaces(productId),
                heartbeats(productId), formerHeartbeats(productId), prequeue(productId), admitted(productId),
                recentAdmissions(productId));
    }

    private static String q(long productId, String suffix) {
        return "astraphe:q:{" + productId + "}:" + suffix;
    }
}
