package dev.astraphe.queue.room;

import dev.astraphe.queue.QueueRedis;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.queue.schedule.SaleSchedules;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs on every instance. For each live sale it shuffles the pre-queue at the start, claims each tick
 * (one instance wins; see {@link QueueScripts#CLAIM_TICK}) and runs the admission script, which itself refuses a tick
 * that already ran: exactly one admission per tick however many instances run. One sale's failure in a pass does not
 * hold up the others'.
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
    private final HeartbeatWatermarks watermarks;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Product id → the last tick this instance has seen run or taken by another (ticks are named by instants). */
    private final Map<Long, Long> lastTickDone = new ConcurrentHashMap<>();
    /** Names this instance's tick claims, so that it can take up a claim of its own again after a failure. */
    private final String token = UUID.randomUUID().toString();
    /** Product id → the sale start whose pre-queue this instance has seen drawn (a product sold again draws again). */
    private final Map<Long, Long> shuffled = new ConcurrentHashMap<>();
    private final Map<Long, Long> admitNowCheckedAt = new ConcurrentHashMap<>();
    /** Product id → this instance's draw of its pre-queue, while it runs. */
    private final Map<Long, Mono<Long>> draws = new ConcurrentHashMap<>();
    /** How long a pass waits for a draw before it ticks (DRAWING) and goes on to the other sales. */
    private static final Duration DRAW_WAIT = Duration.ofSeconds(1);
    /** The longest one draw may take before it is given up and begun again. */
    private static final Duration DRAW_LIMIT = Duration.ofMinutes(2);
    private volatile List<SaleSchedule> live = List.of();
    private volatile long salesLoadedAt;
    /**
     * When this instance last found Redis not answering. Ticks and admit-now wait until every instance's heartbeat
     * notes of the outage have been flushed since ({@link #settled}): until then the last-seen times in Redis are as
     * old as the outage, and admitting would drop shoppers who polled all along (polls are answered from memory).
     */
    private volatile long redisAwayAt = Long.MIN_VALUE / 2;

    AdmissionTicker(SaleSchedules schedules, QueueStore store, QueueHistory history, QueueMetrics metrics,
                    RoomProperties properties, HeartbeatWatermarks watermarks, Clock clock) {
        this.schedules = schedules;
        this.store = store;
        this.history = history;
        this.metrics = metrics;
        this.properties = properties;
        this.watermarks = watermarks;
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
            List<Throwable> failed = pass(live, now).block(QueueStore.SCHEDULED_PASS_WAIT);
            if (failed != null && !failed.isEmpty()) {
                log.warn("Admission tick pass failed for {} of {} live sales, tried again next pass: {}", failed.size(),
                        live.size(), failed.getFirst().toString());
                if (failed.stream().anyMatch(QueueRedis::unreachable)) {
                    redisAwayAt = clock.millis();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Admission tick pass failed: {}", e.toString());
            if (QueueRedis.unreachable(e)) {
                redisAwayAt = clock.millis();
            }
        }
    }

    /** One pass over the live sales, one after another; a sale that fails does not hold up the others. */
    Mono<List<Throwable>> pass(List<SaleSchedule> sales, long now) {
        if (sales.isEmpty()) {
            watermarks.idle();
            return Mono.just(List.of());
        }
        List<Throwable> failed = new ArrayList<>();
        return watermarks.graceAt(now).flatMap(grace -> Flux.fromIterable(sales)
                .concatMap(sale -> step(sale, now, grace).onErrorResume(e -> {
                    failed.add(e);
                    return Mono.empty();
                }))
                .then(Mono.fromSupplier(() -> failed)));
    }

    /** Everything due for one sale at {@code now}: shuffle, tick, the admins' "admit now", history. */
    Mono<Void> step(SaleSchedule sale, long now) {
        return watermarks.graceAt(now).flatMap(grace -> step(sale, now, grace));
    }

    /** The same, dropping shoppers silent for longer than {@code grace} ({@link HeartbeatWatermarks#graceAt}). */
    private Mono<Void> step(SaleSchedule sale, long now, Duration grace) {
        long id = sale.productId();
        if (!sale.isQueueable() || sale.hasEndedAt(Instant.ofEpochMilli(now))) {
            return Mono.empty();
        }
        Mono<Void> shuffle = Mono.empty();
        long start = sale.saleStartsAt().toEpochMilli();
        if (now >= start && shuffled.getOrDefault(id, Long.MIN_VALUE) != start && !draws.containsKey(id)) {
            // a small pre-queue is drawn before this pass ticks; a large one goes on beside the passes, which tick
            // meanwhile (the line answers DRAWING until it is drawn) and keep the other sales going
            shuffle = draw(sale, start).timeout(DRAW_WAIT, Mono.empty()).onErrorResume(e -> Mono.empty()).then();
        }
        return shuffle.then(tick(sale, now, grace)).then(admitNow(sale, now, grace)).then(history.record(id, now));
    }

    /**
     * The draw of a sale's pre-queue, running on its own: the pass that begins it waits a moment for it, and gives up
     * waiting, not the draw; later passes leave it running instead of beginning another. A draw that fails, or takes
     * longer than {@link #DRAW_LIMIT}, is begun again by a later pass.
     */
    private Mono<Long> draw(SaleSchedule sale, long start) {
        long id = sale.productId();
        Mono<Long> running = store.draw(sale, token, random)
                .timeout(DRAW_LIMIT)
                .doOnNext(n -> {
                    // -2: the draw is the next sale's (this instance's schedule is old); -3: another instance draws
                    if (n != -2 && n != -3) {
                        shuffled.put(id, start);
                    }
                    if (n >= 0) {
                        log.info("Pre-queue of product {} ranked: {} shoppers", id, n);
                    }
                })
                .doOnError(e -> log.warn("Draw of product {}'s pre-queue failed, begun again next pass: {}", id, e.toString()))
                .doFinally(signal -> draws.remove(id))
                .cache();
        Mono<Long> raced = draws.putIfAbsent(id, running); // a pass on another thread began it a moment ago
        if (raced != null) {
            return raced;
        }
        running.subscribe(n -> { }, e -> { });
        return running;
    }

    /**
     * An admin's "admit the next N now", within a second rather than at the next tick (once the pre-queue is drawn).
     * Asked once a second, not on every pass: five script runs a second per live sale and instance for a button.
     */
    private Mono<Void> admitNow(SaleSchedule sale, long now, Duration grace) {
        Long checked = admitNowCheckedAt.get(sale.productId());
        if (now < sale.saleStartsAt().toEpochMilli() || (checked != null && now - checked < ADMIT_NOW_CHECK_MS)
                || !settled(now)) {
            return Mono.empty();
        }
        admitNowCheckedAt.put(sale.productId(), now);
        return store.admitNow(sale, now, grace)
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

    /**
     * Tick {@code k} of the sale, if it is due and this instance wins its claim. A tick is done for this instance once
     * another holds the claim or the script answered; a Redis error, a timeout, or a schedule older than Redis's
     * leaves it to be tried again on the next pass while the tick lasts (the script refuses a tick that already ran,
     * so a retry after a lost reply admits nobody twice). On a stale schedule the claim is given up at once: the
     * instance that read the new schedule runs the tick instead of finding it taken.
     */
    private Mono<Void> tick(SaleSchedule sale, long now, Duration grace) {
        long id = sale.productId();
        long k = Ticks.tickAt(sale, now);
        if (k < 0 || lastTickDone.getOrDefault(id, -1L) >= k || !settled(now)) {
            return Mono.empty();
        }
        Duration hold = Duration.ofSeconds(Math.max(1, sale.admissionIntervalSeconds()) * 2L);
        return store.claimTick(id, k, token, hold).flatMap(held -> {
            if (!held) {
                lastTickDone.put(id, k);
                return Mono.empty();
            }
            return store.admit(sale, k, now, grace).flatMap(t -> {
                if (t.stale() || t.drawing()) {
                    // not run: asked again on the next pass, by whichever instance then claims it
                    reloadIfStale(t);
                    return store.releaseTick(id, k, token);
                }
                lastTickDone.put(id, k);
                if (t.ran()) {
                    metrics.ticked(id, t.admitted(), t.dropped());
                }
                return Mono.empty();
            });
        });
    }

    /** Whether every instance has flushed its heartbeat notes since this one last found Redis away (two flushes). */
    private boolean settled(long now) {
        return now - redisAwayAt > 2 * properties.heartbeatFlush().toMillis() + properties.tickPeriod().toMillis();
    }

    /** Records Redis found away at {@code at}, as a pass does (for tests). */
    void redisAwayAt(long at) {
        redisAwayAt = at;
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
