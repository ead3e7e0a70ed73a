package dev.astraphe.shared.events;

/** Kafka topic names, one constant per topic. Payloads are versioned JSON records. */
public final class Topics {

    /** Compacted, keyed by product id: the latest sale schedule of each product. */
    public static final String SALE_SCHEDULES = "astraphe.sale-schedules.v1";
    /** Keyed by product id: order stock requests, decided in arrival order per partition. */
    public static final String STOCK_REQUESTS = "astraphe.stock-requests.v1";
    /** Keyed by product id: stock decisions and sold-out / stock-back signals. */
    public static final String STOCK_EVENTS = "astraphe.stock-events.v1";
    /** Suffix Spring Kafka's dead-letter recoverer appends. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {
    }
}
