package dev.astraphe.queue.room;

import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.queue.schedule.SaleSchedules;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each instance's copy of every polled product's "now serving" state. Polls read it and never Redis, so
 * Redis load from polling grows with the number of products, not of shoppers.
 */
@Component
class ServingCache {

    private static final Logger log = LoggerFactory.getLogger(ServingCache.class);
    private static final long FORGET_AFTER_MS = 60_000;

    /** The schedule (empty for an unknown product) and the queue as last read. */
    record Serving(Optional<SaleSchedule> schedule, QueueSnapshot queue) {
    }

    private static final Serving UNKNOWN = new Serving(Optional.empty(), QueueSnapshot.EMPTY);

    private static final class Entry {
        volatile Serving serving;
        volatile long lastUsed;

        Entry(Serving serving, long lastUsed) {
            this.serving = serving;
            this.lastUsed = lastUsed;
        }
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final SaleSchedules schedules;
    private final QueueStore store;
    private final QueueMetrics metrics;
    private final Clock clock;

    ServingCache(SaleSchedules schedules, QueueStore store, QueueMetrics metrics, Clock clock) {
        this.schedules = schedules;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    Mono<Serving> get(long productId) {
        Entry entry = entries.get(productId);
        if (entry != null) {
            long now = clock.millis();
            // a second's precision is plenty for forgetting after a minute; writing the shared field on every
            // poll and join kept moving its cache line between the cores serving them
            if (now - entry.lastUsed >= 1000) {
                entry.lastUsed = now;
            }
            return Mono.just(entry.serving);
        }
        // only products with a sale are kept (and refreshed, and given a gauge): polls are public, and any number
        // in their path would otherwise cost Redis a refresh four times a second for a minute, and a gauge for good
        return load(productId).doOnNext(s -> {
            if (s.schedule().isPresent() && entries.putIfAbsent(productId, new Entry(s, clock.millis())) == null) {
                metrics.track(productId, () -> waiting(productId));
            }
        });
    }

    /** Reads Redis again right away, e.g. after this instance changed the queue. */
    Mono<Serving> refresh(long productId) {
        return load(productId).doOnNext(s -> {
            Entry entry = entries.get(productId);
            if (entry != null) {
                entry.serving = s;
            }
        });
    }

    /** Shoppers waiting as last read here; not a number once this instance no longer follows the product. */
    double waiting(long productId) {
        Entry entry = entries.get(productId);
        return entry == null ? Double.NaN : entry.serving.queue().waiting();
    }

    @Scheduled(fixedDelayString = "${astraphe.queue.cache-refresh:250ms}")
    void refreshAll() {
        long now = clock.millis();
        entries.entrySet().removeIf(e -> now - e.getValue().lastUsed > FORGET_AFTER_MS);
        try {
            Flux.fromIterable(entries.keySet()).flatMap(this::refresh, 16).then().block(QueueStore.SCHEDULED_PASS_WAIT);
        } catch (RuntimeException e) {
            log.warn("Refreshing the serving cache failed: {}", e.toString());
        }
    }

    /** The schedule and the queue; a product without a sale has no queue to read. */
    private Mono<Serving> load(long productId) {
        return schedules.find(productId)
                .flatMap(sale -> store.snapshot(productId).map(queue -> new Serving(Optional.of(sale), queue)))
                .defaultIfEmpty(UNKNOWN);
    }
}
