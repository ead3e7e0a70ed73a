package dev.astraphe.queue.stock;

import dev.astraphe.queue.kafka.ReplayedFromStart;
import dev.astraphe.shared.events.StockLevelChanged;
import dev.astraphe.shared.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Materialises the compacted stock-level topic in the sale hashes: sold out, all units held and stock coming back reach
 * every waiting shopper on their next poll (each instance's cache reads the flags a few times a second), and the
 * admission ticks admit against the units available. Like the schedules, every instance has its own consumer group
 * and reads the topic from its start on every boot, so a wiped Redis heals itself.
 */
@Component
class StockLevelListener extends ReplayedFromStart {

    static final String ID = "stock-levels";
    /** Far beyond any product's number of stock changes: one absurd version would make every real level look older. */
    static final long MAX_VERSION = 1_000_000_000_000_000L;
    /** The most shoppers one level may name as having ordered. */
    static final int MAX_ORDERED_BY = 10_000;
    private static final Logger log = LoggerFactory.getLogger(StockLevelListener.class);

    private final StockLevelStore store;

    StockLevelListener(StockLevelStore store) {
        this.store = store;
    }

    @KafkaListener(id = ID, topics = Topics.STOCK_LEVELS, idIsGroup = false,
            groupId = "${astraphe.stock-levels.group-prefix:queue-edge-stock}-${random.uuid}",
            containerFactory = StockLevelConsumerConfiguration.CONTAINER_FACTORY)
    void on(ConsumerRecord<String, StockLevelChanged> record) {
        StockLevelChanged level = record.value();
        if (level == null) {
            return; // a tombstone: the product is gone, and its schedule's tombstone removes its sale hash
        }
        validate(record.key(), level);
        StockLevelStore.Outcome outcome = store.apply(level);
        if (outcome != StockLevelStore.Outcome.APPLIED) {
            log.debug("ignored stock level v{} of product {}: {}", level.stockVersion(), level.productId(), outcome);
        }
    }

    private static void validate(String key, StockLevelChanged e) {
        if (e.schemaVersion() != StockLevelChanged.SCHEMA_VERSION) {
            throw new MalformedStockLevelException("unsupported schema version " + e.schemaVersion());
        }
        if (e.productId() <= 0 || (key != null && !key.equals(Long.toString(e.productId())))) {
            throw new MalformedStockLevelException("product id " + e.productId() + " does not match key " + key);
        }
        if (e.saleStartsAt() == null || e.stockVersion() < 0 || e.stockVersion() > MAX_VERSION) {
            throw new MalformedStockLevelException("stock level of product " + e.productId() + " lacks its sale or a version in range");
        }
        if (e.available() < 0 || e.held() < 0) {
            throw new MalformedStockLevelException("stock level of product " + e.productId() + " is below zero");
        }
        // one decision batch's orders at most; a script run per level stays short
        if (e.orderedBy().size() > MAX_ORDERED_BY || e.orderedBy().stream().anyMatch(user -> user == null || user <= 0)) {
            throw new MalformedStockLevelException("stock level of product " + e.productId() + " names "
                    + e.orderedBy().size() + " shoppers, or one that cannot be");
        }
    }
}
