package dev.astraphe.queue.schedule;

import dev.astraphe.queue.kafka.ReplayedFromStart;
import dev.astraphe.shared.events.SaleScheduleChanged;
import dev.astraphe.shared.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Materialises the compacted schedule topic in Redis. Every instance has its own consumer group and seeks to
 * the beginning whenever it gets partitions, so each boot (or container restart) replays the whole topic: a
 * restarted queue-edge or a wiped Redis heals itself without any other source of truth.
 */
@Component
class SaleScheduleListener extends ReplayedFromStart {

    static final String ID = "sale-schedules";
    /** A product's schedule version counts its changes (one per edit); no product is changed a billion times. */
    static final long MAX_VERSION = 1_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(SaleScheduleListener.class);

    private final SaleScheduleStore store;

    SaleScheduleListener(SaleScheduleStore store) {
        this.store = store;
    }

    @KafkaListener(id = ID, topics = Topics.SALE_SCHEDULES, idIsGroup = false,
            groupId = "${astraphe.sale-schedules.group-prefix:queue-edge-schedules}-${random.uuid}",
            containerFactory = SaleScheduleConsumerConfiguration.CONTAINER_FACTORY)
    void on(ConsumerRecord<String, SaleScheduleChanged> record) {
        SaleScheduleChanged event = record.value();
        if (event == null) {
            store.remove(productId(record.key()));
            return;
        }
        validate(record.key(), event);
        if (!store.apply(event)) {
            log.debug("ignored schedule v{} of product {}: Redis has a newer one", event.scheduleVersion(), event.productId());
        }
    }

    private static void validate(String key, SaleScheduleChanged e) {
        if (e.schemaVersion() != SaleScheduleChanged.SCHEMA_VERSION) {
            throw new MalformedScheduleException("unsupported schema version " + e.schemaVersion());
        }
        if (e.productId() <= 0 || (key != null && !key.equals(Long.toString(e.productId())))) {
            throw new MalformedScheduleException("product id " + e.productId() + " does not match key " + key);
        }
        if (e.saleStartsAt() == null || e.saleStatus() == null || e.scheduleVersion() < 0) {
            throw new MalformedScheduleException("schedule of product " + e.productId() + " lacks start, status or version");
        }
        // Redis keeps the highest version it has seen, also across boots: one absurd version would make every later
        // real change of the product look older, for good
        if (e.scheduleVersion() > MAX_VERSION) {
            throw new MalformedScheduleException("schedule version " + e.scheduleVersion() + " of product " + e.productId()
                    + " is beyond any product's number of changes");
        }
        if (e.admissionBatchSize() < 1 || e.admissionIntervalSeconds() < 1 || e.admissionDelaySeconds() < 0) {
            throw new MalformedScheduleException("admission rate of product " + e.productId() + " is out of range");
        }
    }

    private static long productId(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException | NullPointerException e) {
            throw new MalformedScheduleException("tombstone without a product id key: " + key);
        }
    }
}
