package dev.astraphe.shared.events;

/** Kafka topic names, one constant per topic. Payloads are versioned JSON records. */
public final class Topics {

    /** Compacted, keyed by product id: the latest sale schedule of each product. */
    public static final String SALE_SCHEDULES = "astraphe.sale-schedules.v1";
    /** Keyed by product id: order stock requests, decided in arrival order per partition. */
    public static final String STOCK_REQUESTS = "astraphe.stock-requests.v1";
    /** Keyed by product id: the order pipeline's stock decisions (one per order). */
    public static final String STOCK_EVENTS = "astraphe.stock-events.v1";
    /**
     * Compacted, keyed by product id: each product's latest stock level ({@link StockLevelChanged}), which the waiting
     * room reads for sold out, all units held and stock coming back.
     */
    public static final String STOCK_LEVELS = "astraphe.stock-levels.v1";
    /** Suffix Spring Kafka's dead-letter recoverer appends. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {
    }
}
