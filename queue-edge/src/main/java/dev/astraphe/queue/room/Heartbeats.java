package dev.astraphe.queue.room;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Polls note "still here" in memory; once a second each product's notes go to Redis in one ZADD. */
@Component
class Heartbeats {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private volatile Map<Long, Map<Long, Long>> pending = new ConcurrentHashMap<>();
    private final QueueStore store;

    Heartbeats(QueueStore store) {
        this.store = store;
    }

    void seen(long productId, long userId, long now) {
        pending.computeIfAbsent(productId, id -> new ConcurrentHashMap<>()).merge(userId, now, Math::max);
    }

    @Scheduled(fixedDelayString = "${astraphe.queue.heartbeat-flush:1s}")
    void flush() {
        Map<Long, Map<Long, Long>> batch = pending;
        if (batch.isEmpty()) {
            return;
        }
        pending = new ConcurrentHashMap<>();
        try {
            Flux.fromIterable(batch.entrySet())
                    .flatMap(e -> store.heartbeats(e.getKey(), e.getValue()), 8)
                    .then().block(QueueStore.SCHEDULED_PASS_WAIT);
        } catch (RuntimeException e) {
            log.warn("Writing heartbeats failed: {}", e.toString());
        }
    }
}
