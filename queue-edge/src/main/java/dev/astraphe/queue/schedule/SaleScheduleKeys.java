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

    public static String schedule(long productId) {
        return "astraphe:sale:{" + productId + "}";
    }
}
