package dev.astraphe.queue.room;

import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.queue.schedule.SaleScheduleApplied;
import dev.astraphe.queue.schedule.SaleSchedules;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each instance's copy of every polled product's "now serving" state. Polls read it and never Redis, so
 * Redis load from polling grows with the number of products, not of shoppers.
 *
 * <p>Polls are public, and every product ever on sale keeps its schedule: a sale that is over (ended, stopped or
 * cancelled) is refreshed only every {@link #QUIET_REFRESH_MS}, or at once when its schedule changes, and given no
 * gauge, so polls for old products cannot make an
 * instance read Redis four times a second for each. A product without a sale is remembered as such for a second,
 * so that polls for made-up ids do not each read Redis either.
 */
@Component
class ServingCache {

    private static final Logger log = LoggerFactory.getLogger(ServingCache.class);
    private static final long FORGET_AFTER_MS = 60_000;
    /** How often a sale that is over is read again: it may still be sold again, or be shown the end of. */
    static final long QUIET_REFRESH_MS = 10_000;
    /** How long a product without a sale is taken to have none; and how many such products are remembered. */
    private static final long UNKNOWN_FOR_MS = 1_000;
    private static final int MAX_UNKNOWN = 10_000;

    /** The schedule (empty for an unknown product) and the queue as last read. */
    record Serving(Optional<SaleSchedule> schedule, QueueSnapshot queue) {
    }

    private static final Serving UNKNOWN = new Serving(Optional.empty(), QueueSnapshot.EMPTY);

    private static final class Entry {
        volatile Serving serving;
        volatile long lastUsed;
        volatile long refreshedAt;

        Entry(Serving serving, long now) {
            this.serving = serving;
            this.lastUsed = now;
            this.refreshedAt = now;
        }
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    /** Product id → until when it is taken to have no sale. */
    private final Map<Long, Long> unknownUntil = new ConcurrentHashMap<>();
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
        Long unknown = unknownUntil.get(productId);
        if (unknown != null && clock.millis() < unknown) {
            return Mono.just(UNKNOWN);
        }
        // only products with a sale are kept (and refreshed, and given a gauge): polls are public, and any number
        // in their path would otherwise cost Redis a refresh four times a second for a minute, and a gauge for good
        return load(productId).doOnNext(s -> {
            long now = clock.millis();
            if (s.schedule().isEmpty()) {
                if (unknownUntil.size() >= MAX_UNKNOWN) {
                    unknownUntil.clear();
                }
                unknownUntil.put(productId, now + UNKNOWN_FOR_MS);
            } else if (entries.putIfAbsent(productId, new Entry(s, now)) == null) {
                unknownUntil.remove(productId);
                track(productId, s, now);
            }
        });
    }

    /** A gauge for a sale that is not over; one over has its meters removed by {@link FinishedQueues}. */
    private void track(long productId, Serving serving, long now) {
        if (!quiet(serving, now)) {
            metrics.track(productId, () -> waiting(productId));
        }
    }

    /** A sale that is over: ended, stopped or cancelled. */
    private static boolean quiet(Serving serving, long now) {
        return serving.schedule().map(sale -> !sale.isScheduled() || sale.hasEndedAt(Instant.ofEpochMilli(now)))
                .orElse(true);
    }

    /**
     * The product's schedule changed (sold again, an end moved, a new product): read on the next pass, whatever the
     * pace of its entry, and no longer taken for a product without a sale. Every instance reads every change.
     */
    @EventListener
    void scheduleApplied(SaleScheduleApplied change) {
        unknownUntil.remove(change.productId());
        Entry entry = entries.get(change.productId());
        if (entry != null) {
            entry.refreshedAt = Long.MIN_VALUE / 2;
        }
    }

    /** Reads Redis again right away, e.g. after this instance changed the queue. */
    Mono<Serving> refresh(long productId) {
        return load(productId).doOnNext(s -> {
            Entry entry = entries.get(productId);
            if (entry != null) {
                long now = clock.millis();
                entry.serving = s;
                entry.refreshedAt = now;
                track(productId, s, now); // a sale over that is sold again
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
        unknownUntil.values().removeIf(until -> until <= now);
        try {
            Flux.fromIterable(entries.entrySet())
                    .filter(e -> !quiet(e.getValue().serving, now) || now - e.getValue().refreshedAt >= QUIET_REFRESH_MS)
                    .flatMap(e -> refresh(e.getKey()), 16).then().block(QueueStore.SCHEDULED_PASS_WAIT);
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
