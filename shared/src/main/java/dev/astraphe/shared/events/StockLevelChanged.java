package dev.astraphe.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The stock of one product's sale as the order pipeline last decided it, as JSON on {@link Topics#STOCK_LEVELS} keyed
 * by product id. The topic is compacted and each record carries the whole level, never a delta: {@code available}
 * units neither sold nor held, and {@code held} units held by orders not yet paid (they come back if the order
 * expires). Consumers keep the record with the highest {@code stockVersion} (counting the product's stock changes,
 * across its sales) and ignore older ones, so redelivery, re-reads and late records are harmless. A level belongs to
 * the sale that starts at {@code saleStartsAt}: one of a sale before (the product sold again) is not taken, and when a
 * sale's start moves the pipeline publishes its level again with the new start (until then the waiting room carries
 * the level it has). {@code orderedBy} names the shoppers whose orders this level counts for the first time: their
 * admissions stop holding a unit of their own (else each would count twice, in {@code held} or sold and as an
 * admission, until the admission lapses).
 *
 * <p>What the waiting room makes of it: nothing available and nothing held is sold out (final for the sale); nothing
 * available but some held is "all units held" (admission waits: some may come back); units available again resume
 * admission.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockLevelChanged(
        int schemaVersion,
        long productId,
        long stockVersion,
        Instant saleStartsAt,
        int available,
        int held,
        List<Long> orderedBy,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    public StockLevelChanged {
        orderedBy = orderedBy == null ? List.of() : List.copyOf(orderedBy);
    }

    /** Nothing left and nothing that could come back. */
    public boolean soldOut() {
        return available == 0 && held == 0;
    }

    /** Nothing left, but units held by unpaid orders may come back. */
    public boolean allHeld() {
        return available == 0 && held > 0;
    }
}
