package dev.astraphe.queue.schedule;

/**
 * Redis keys of materialised schedules. The product id is the hash tag, so everything about one product's sale
 * (this hash and, later, its queue) lives in one Redis Cluster slot.
 */
public final class SaleScheduleKeys {

    /** Sorted set of known product ids, scored by sale start (epoch millis). */
    public static final String INDEX = "astraphe:sales";

    private SaleScheduleKeys() {
    }

    /** Marks a schedule record (by partition and offset) as sent to the dead-letter topic already. */
    public static String deadLettered(int partition, long offset) {
        return "astraphe:sale-schedules:dead-lettered:" + partition + ":" + offset;
    }

    public static String schedule(long productId) {
        return "astraphe:sale:{" + productId + "}";
    }
}
