package dev.astraphe.queue.schedule;

/**
 * Redis keys of materialised schedules. The product id is the hash tag, so everything about one product's sale
 * (this hash and, later, its queue) lives in one Redis Cluster slot.
 */
public final class SaleScheduleKeys {

    /** Sorted set of known product ids, scored by sale start (epoch millis). */
    public static final String INDEX = "astraphe:sales";

    /**
     * Sorted set of the product ids whose sale may run (or did run) longer than {@link SaleSchedules#LONG_SALE}: it has
     * no end, or ends later than that after its start. Scored by the sale's end (epoch millis; {@link #NO_END} without
     * one), or by the instant of its cancellation. The admission scheduler reads the sales that started recently and
     * those here that have not ended; the sweep of finished queues, those here that ended an hour ago, and then
     * removes them.
     */
    public static final String LONG_RUNNING = "astraphe:sales:long-running";

    /** The score in {@link #LONG_RUNNING} of a sale without an end. */
    public static final double NO_END = Long.MAX_VALUE;

    private SaleScheduleKeys() {
    }

    /** Prefix of the keys that mark a schedule record (partition:offset) as sent to the dead-letter topic already. */
    public static final String DEAD_LETTERED = "astraphe:sale-schedules:dead-lettered:";

    public static String schedule(long productId) {
        return "astraphe:sale:{" + productId + "}";
    }
}
