package dev.astraphe.queue.room;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How far each queue-edge instance has written its shoppers' heartbeats: after every flush that wrote all its notes,
 * an instance records when that flush took them ({@link #KEY}, instance → epoch millis). A tick drops a shopper whose
 * last-seen time in Redis is older than the grace, but an instance that cannot reach Redis (a network split, a client
 * still reconnecting) answers its shoppers' polls from memory and holds their notes: judged by Redis alone, they
 * would be dropped by a healthy instance's tick though they polled all along. So the grace a tick applies runs from
 * the oldest instance's mark rather than from now: a shopper is dropped only if silent for the grace as of the last
 * moment every instance's notes are known.
 *
 * <p>An instance that stopped (a crash: a clean stop removes its mark) would hold the drops back for good; a mark older
 * than twice the grace is therefore left out, and removed. So an instance cut off from Redis protects its shoppers
 * for up to twice the grace (ten minutes by default), not for ever; and a crashed one delays drops by as much at most
 * (the silent shoppers it leaves at the front are admitted meanwhile, and their units come back when the admission
 * runs out). Operators see it: the gauge {@code astraphe.queue.drops.held.back} (seconds the drops are held back by),
 * and a warning naming the instance when that passes {@link #NOTICE} (half the grace if shorter), and a line when it
 * ends. Instances that run the ticks set them; with no live sale they read 0.
 */
@Component
class HeartbeatWatermarks {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatWatermarks.class);
    static final String KEY = "astraphe:q:heartbeat-flushes";
    /** Held back by more than this or half the grace (a flush takes a second or so), drops are said to be held back. */
    static final Duration NOTICE = Duration.ofSeconds(30);

    private final ReactiveStringRedisTemplate redis;
    private final Duration grace;
    private final String key;
    private final Duration notice;
    /** "pid@host" and a random suffix: unique, and an operator reading the warning can tell which process it is. */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong heldBackMillis = new AtomicLong();
    private final AtomicBoolean noticed = new AtomicBoolean();

    @Autowired
    HeartbeatWatermarks(ReactiveStringRedisTemplate redis, RoomProperties properties, MeterRegistry registry) {
        this(redis, properties, registry, KEY);
    }

    HeartbeatWatermarks(ReactiveStringRedisTemplate redis, RoomProperties properties, MeterRegistry registry,
                        String key) {
        this(redis, properties, key);
        Gauge.builder("astraphe.queue.drops.held.back", this, marks -> marks.heldBack().toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("How long silent shoppers are kept beyond the grace because an instance's heartbeats are"
                        + " not known to be written (cut off from Redis, or stopped without a clean shutdown)")
                .register(registry);
    }

    HeartbeatWatermarks(ReactiveStringRedisTemplate redis, RoomProperties properties, String key) {
        this.redis = redis;
        this.grace = properties.grace();
        this.key = key;
        this.notice = NOTICE.compareTo(grace.dividedBy(2)) < 0 ? NOTICE : grace.dividedBy(2);
    }

    /** This instance has written every heartbeat noted before {@code at}. */
    Mono<Void> flushed(long at) {
        return flushed(instance, at);
    }

    Mono<Void> flushed(String instance, long at) {
        return redis.opsForHash().put(key, instance, Long.toString(at)).then();
    }

    /**
     * The grace a tick at {@code now} applies: the configured one, plus how far the instance furthest behind is behind
     * now (a second or so when every instance flushes). Marks older than twice the grace are left out and removed.
     */
    Mono<Duration> graceAt(long now) {
        long horizon = now - 2 * grace.toMillis();
        return redis.opsForHash().entries(key).collectList().flatMap(entries -> {
            long oldest = now;
            String furthestBehind = null;
            Flux<Long> stale = Flux.empty();
            for (var entry : entries) {
                long at = parse(entry.getValue());
                if (at < horizon) {
                    stale = stale.concatWith(redis.opsForHash().remove(key, entry.getKey()));
                } else if (at < oldest) {
                    oldest = at;
                    furthestBehind = entry.getKey().toString();
                }
            }
            held(now - oldest, furthestBehind);
            Duration applied = grace.plusMillis(now - oldest);
            return stale.then(Mono.just(applied));
        });
    }

    /** How far the last tick's grace ran beyond the configured one: the instance furthest behind, behind now. */
    Duration heldBack() {
        return Duration.ofMillis(heldBackMillis.get());
    }

    /** No live sale to tick: nobody is dropped, so no drop is held back either. */
    void idle() {
        held(0, null);
    }

    private void held(long millis, String by) {
        heldBackMillis.set(Math.max(0, millis));
        boolean holding = millis > notice.toMillis();
        if (holding && noticed.compareAndSet(false, true)) {
            log.warn("Drops held back by {} s: queue-edge instance {} has not written its shoppers' heartbeats since"
                    + " then (cut off from Redis, or stopped without a clean shutdown). Shoppers silent for longer than"
                    + " the grace stay in the line until its heartbeats are written, for at most twice the grace ({})",
                    millis / 1000, by, grace.multipliedBy(2));
        } else if (!holding && noticed.compareAndSet(true, false)) {
            log.info("Drops no longer held back: the instance behind has written its shoppers' heartbeats, or its mark,"
                    + " older than twice the grace, is left out, or no sale is live");
        }
    }

    @PreDestroy
    void gone() {
        try {
            redis.opsForHash().remove(key, instance).block(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            log.debug("Could not remove this instance's heartbeat mark: {}", e.toString());
        }
    }

    private static long parse(Object value) {
        try {
            return Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE; // not ours: removed as stale
        }
    }
}
