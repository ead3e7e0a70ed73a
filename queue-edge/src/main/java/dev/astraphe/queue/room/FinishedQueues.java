package dev.astraphe.queue.room;

import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.queue.schedule.SaleSchedules;
import dev.astraphe.shared.queue.QueueKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Removes the waiting room of every sale that ended, or was stopped, a while ago ({@code astraphe.queue.keep-finished},
 * an hour by default), and of every cancelled sale (a cancellation is final, and shoppers learn it from the schedule, not the
 * queue): its line, last-seen times, pre-queue, admissions, counters and controls. Nothing else ever
 * removes them, and a sale that ends with a million shoppers still waiting leaves some three million entries behind.
 * The per-minute history stays (it trims itself to 48 hours as it is written); so does the sale hash, which the
 * schedule topic owns. Every instance may sweep: removing what is gone already changes nothing. {@code UNLINK}, so
 * that Redis frees a large line in the background instead of stopping for it; in one script with a check that the
 * schedule is still the one read, so a sale started again meanwhile keeps its new waiting room.
 */
@Component
class FinishedQueues {

    private static final Logger log = LoggerFactory.getLogger(FinishedQueues.class);
    /** Sales that started longer ago than this are no longer looked at (each sweep reads every schedule it covers). */
    static final Duration LOOK_BACK = Duration.ofDays(30);
    /** Cancelled sales are looked at up to this far ahead: a pre-queue may have formed before the cancellation. */
    static final Duration LOOK_AHEAD = Duration.ofDays(30);

    /** KEYS: 1 the sale's schedule, then its waiting room's keys. ARGV: 1 the schedule version read. */
    private static final RedisScript<Long> REMOVE = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'scheduleVersion') ~= ARGV[1] then return 0 end
            return redis.call('UNLINK', unpack(KEYS, 2))
            """, Long.class);

    private final SaleSchedules schedules;
    private final ReactiveStringRedisTemplate redis;
    private final RoomProperties properties;
    private final QueueMetrics metrics;
    private final Clock clock;

    FinishedQueues(SaleSchedules schedules, ReactiveStringRedisTemplate redis, RoomProperties properties, QueueMetrics metrics,
                   Clock clock) {
        this.schedules = schedules;
        this.redis = redis;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${astraphe.queue.cleanup-period:10m}", fixedDelayString = "${astraphe.queue.cleanup-period:10m}")
    void run() {
        if (!properties.admissionTicks()) {
            return;
        }
        try {
            Long removed = sweep(clock.millis()).block(QueueStore.SCHEDULED_PASS_WAIT);
            if (removed != null && removed > 0) {
                log.info("Removed {} Redis keys of finished waiting rooms", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Removing finished waiting rooms failed: {}", e.toString());
        }
    }

    /** Removes the waiting rooms of the sales finished at {@code now}; returns how many keys went. */
    Mono<Long> sweep(long now) {
        Instant at = Instant.ofEpochMilli(now);
        Instant endedBy = at.minus(properties.keepFinished());
        // the sales that started recently, and the long ones (however long ago they started) that ended a while ago
        return SaleSchedules.union(schedules.startingBetween(at.minus(LOOK_BACK), at.plus(LOOK_AHEAD)),
                        schedules.longRunningEndedBy(endedBy))
                .flatMapMany(Flux::fromIterable)
                .concatMap(schedules::find)
                .filterWhen(sale -> finished(sale, at))
                .concatMap(sale -> remove(sale).doOnSuccess(removed -> metrics.forget(sale.productId())))
                .reduce(0L, Long::sum)
                // and those long ones leave the scheduler's index of them
                .flatMap(removed -> schedules.forgetLongRunningEndedBy(endedBy).thenReturn(removed));
    }

    /**
     * Removes the waiting room of {@code sale} as it was read, unless its schedule changed since: a product sold again
     * between the read and the removal (a new start, a fresh waiting room, its first joins) keeps its new waiting room.
     */
    Mono<Long> remove(SaleSchedule sale) {
        List<String> keys = new ArrayList<>();
        keys.add(QueueKeys.sale(sale.productId()));
        keys.addAll(QueueKeys.queueState(sale.productId()));
        return redis.execute(REMOVE, keys, List.of(Long.toString(sale.scheduleVersion()))).next().defaultIfEmpty(0L);
    }

    private Mono<Boolean> finished(SaleSchedule sale, Instant at) {
        if (sale.isCancelled()
                || (sale.saleEndsAt() != null && !sale.saleEndsAt().plus(properties.keepFinished()).isAfter(at))) {
            return Mono.just(true);
        }
        if (!sale.isStopped()) {
            return Mono.just(false);
        }
        // stopped: final, however long the sale was to run; kept a while for the admins' board, from the stop
        long keep = properties.keepFinished().toMillis();
        return redis.opsForHash().get(QueueKeys.sale(sale.productId()), "occurredAt")
                .map(stoppedAt -> !stoppedAt.toString().isEmpty() && Long.parseLong(stoppedAt.toString()) + keep <= at.toEpochMilli())
                .defaultIfEmpty(false);
    }
}
