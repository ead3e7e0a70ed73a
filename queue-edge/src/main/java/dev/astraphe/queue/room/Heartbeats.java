package dev.astraphe.queue.room;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Polls and page loads note "still here" in memory; once a second each product's notes go to Redis in one script run. */
@Component
class Heartbeats {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    /** How long before a flush a note may have been taken and still miss it (a poll reads the clock, then notes). */
    private static final long NOTING_MARGIN_MS = 1_000;

    private volatile Map<Long, Map<Long, Long>> pending = new ConcurrentHashMap<>();
    private final QueueStore store;
    private final HeartbeatWatermarks watermarks;
    private final Clock clock;

    Heartbeats(QueueStore store, HeartbeatWatermarks watermarks, Clock clock) {
        this.store = store;
        this.watermarks = watermarks;
        this.clock = clock;
    }

    void seen(long productId, long userId, long now) {
        pending.computeIfAbsent(productId, id -> new ConcurrentHashMap<>()).merge(userId, now, Math::max);
    }

    /**
     * Writes the notes gathered since the last flush. A product whose write fails (Redis away, a timeout) keeps its
     * notes for the next flush, merged with the newer ones: dropped, they would leave the shoppers' stored last-seen
     * times as old as before the outage, and a tick soon after it would drop shoppers who polled all along. One
     * product's failure does not void the others' writes. A flush that wrote everything marks how far this instance
     * has written ({@link HeartbeatWatermarks}), also when there was nothing to write.
     */
    @Scheduled(fixedDelayString = "${astraphe.queue.heartbeat-flush:1s}")
    void flush() {
        long started = clock.millis();
        Map<Long, Map<Long, Long>> batch = pending;
        if (batch.isEmpty()) {
            mark(started);
            return;
        }
        pending = new ConcurrentHashMap<>();
        Map<Long, Map<Long, Long>> unwritten = new ConcurrentHashMap<>(batch);
        try {
            Flux.fromIterable(batch.entrySet())
                    .flatMap(e -> store.heartbeats(e.getKey(), e.getValue())
                            .doOnSuccess(done -> unwritten.remove(e.getKey()))
                            .onErrorResume(error -> {
                                log.warn("Writing heartbeats of product {} failed, kept for the next flush: {}", e.getKey(),
                                        error.toString());
                                return Mono.empty();
                            }), 8)
                    .then().block(QueueStore.SCHEDULED_PASS_WAIT);
        } catch (RuntimeException e) {
            log.warn("Writing heartbeats failed, kept for the next flush: {}", e.toString());
        }
        unwritten.forEach(this::keep);
        if (unwritten.isEmpty()) {
            mark(started);
        }
    }

    private void mark(long started) {
        try {
            watermarks.flushed(started - NOTING_MARGIN_MS).block(QueueStore.SCHEDULED_PASS_WAIT);
        } catch (RuntimeException e) {
            log.debug("Could not mark the heartbeats written: {}", e.toString());
        }
    }

    private void keep(long productId, Map<Long, Long> lastSeen) {
        Map<Long, Long> notes = pending.computeIfAbsent(productId, id -> new ConcurrentHashMap<>());
        lastSeen.forEach((user, at) -> notes.merge(user, at, Math::max));
    }
}
