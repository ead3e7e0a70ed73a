package dev.astraphe.queue.room;

import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.queue.schedule.SaleSchedules;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs on every instance. For each live sale it shuffles the pre-queue at the start, claims each tick
 * with SET NX (one instance wins) and runs the admission script, which itself refuses a tick that
 * already ran: exactly one admission per tick however many instances run.
 */
@Component
class AdmissionTicker {

    private static final Logger log = LoggerFactory.getLogger(AdmissionTicker.class);
    private static final long RELOAD_SALES_MS = 5_000;
    /** How often an instance asks Redis whether admins asked to admit shoppers now (a script run per live sale). */
    private static final long ADMIT_NOW_CHECK_MS = 1_000;

    private final SaleSchedules schedules;
    private final QueueStore store;
    private final QueueHistory history;
    private final QueueMetrics metrics;
    private final RoomProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Long> lastTickTried = new ConcurrentHashMap<>();
    /** Product id → the sale start whose pre-queue this instance has seen drawn (a product sold again draws again). */
    private final Map<Long, Long> shuffled = new ConcurrentHashMap<>();
    private final Map<Long, Long> admitNowCheckedAt = new ConcurrentHashMap<>();
    private volatile List<SaleSchedule> live = List.of();
    private volatile long salesLoadedAt;

    AdmissionTicker(SaleSchedules schedules, QueueStore store, QueueHistory history, QueueMetrics metrics,
                    RoomProperties properties, Clock clock) {
        this.schedules = schedules;
        this.store = store;
        this.history = history;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${astraphe.queue.tick-period:200ms}")
    void run() {
        if (!properties.admissionTicks()) {
            return;
        }
        try {
            long now = clock.millis();
            if (now - salesLoadedAt > RELOAD_SALES_MS) {
                live = loadLiveSales(now).block(QueueStore.SCHEDULED_PASS_WAIT);
                salesLoadedAt = now;
            }
            Flux.fromIterable(live).concatMap(sale -> step(sale, now)).then().block(QueueStore.SCHEDULED_PASS_WAIT);
        } catch (RuntimeException e) {
            log.warn("Admission tick pass failed: {}", e.toString());
        }
    }

    /** Everything due for one sale at {@code now}: shuffle, tick, the admins' "admit now", history. */
    Mono<Void> step(SaleSchedule sale, long now) {
        long id = sale.productId();
        if (!sale.isQueueable() || sale.hasEndedAt(Instant.ofEpochMilli(now))) {
            return Mono.empty();
        }
        Mono<Void> shuffle = Mono.empty();
        long start = sale.saleStartsAt().toEpochMilli();
        if (now >= start && shuffled.getOrDefault(id, Long.MIN_VALUE) != start) {
            shuffle = store.shuffle(sale, random.nextLong()).filter(n -> n != -2).doOnNext(n -> {
                shuffled.put(id, start);
                if (n >= 0) {
                    log.info("Pre-queue of product {} ranked: {} shoppers", id, n);
                }
            }).then();
        }
        return shuffle.then(tick(sale, now)).then(admitNow(sale, now)).then(history.record(id, now));
    }

    /**
     * An admin's "admit the next N now", within a second rather than at the next tick (once the pre-queue is drawn).
     * Asked once a second, not on every pass: five script runs a second per live sale and instance for a button.
     */
    private Mono<Void> admitNow(SaleSchedule sale, long now) {
        Long checked = admitNowCheckedAt.get(sale.productId());
        if (now < sale.saleStartsAt().toEpochMilli() || (checked != null && now - checked < ADMIT_NOW_CHECK_MS)) {
            return Mono.empty();
        }
        admitNowCheckedAt.put(sale.productId(), now);
        return store.admitNow(sale, now)
                .doOnNext(t -> {
                    if (t.ran()) {
                        metrics.ticked(sale.productId(), t.admitted(), t.dropped());
                        log.info("Admitted {} of product {} at an admin's request ({} dropped)", t.admitted(), sale.productId(), t.dropped());
                    }
                    // the admins' count stays in Redis for an instance with the current schedule (this one, next pass)
                    reloadIfStale(t);
                })
                .then();
    }

    private Mono<Void> tick(SaleSchedule sale, long now) {
        long id = sale.productId();
        long k = Ticks.tickAt(sale, now);
        if (k < 0 || lastTickTried.getOrDefault(id, -1L) >= k) {
            return Mono.empty();
        }
        lastTickTried.put(id, k);
        Duration hold = Duration.ofSeconds(Math.max(1, sale.admissionIntervalSeconds()) * 2L);
        return store.claimTick(id, k, hold)
                .filter(Boolean::booleanValue)
                .flatMap(won -> store.admit(sale, k, now))
                .doOnNext(t -> {
                    if (t.ran()) {
                        metrics.ticked(id, t.admitted(), t.dropped());
                    }
                    reloadIfStale(t);
                })
                .then();
    }

    /** The sale changed since this instance read it: read the live sales again on the next pass, not in seconds. */
    private void reloadIfStale(QueueStore.Tick tick) {
        if (tick.stale()) {
            salesLoadedAt = 0;
        }
    }

    Mono<List<SaleSchedule>> loadLiveSales(long now) {
        Instant at = Instant.ofEpochMilli(now);
        Instant until = at.plus(properties.prequeueWindow()).plusSeconds(60);
        // a sale that started within LONG_SALE, or one that may run longer and has not ended
        return SaleSchedules.union(schedules.startingBetween(at.minus(SaleSchedules.LONG_SALE), until),
                        schedules.longRunningAt(at))
                .flatMapMany(Flux::fromIterable)
                .concatMap(schedules::find)
                .filter(s -> s.isQueueable() && !s.hasEndedAt(at) && !s.saleStartsAt().isAfter(until))
                .collectList();
    }
}
