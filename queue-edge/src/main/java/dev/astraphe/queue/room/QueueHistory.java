package dev.astraphe.queue.room;

import dev.astraphe.shared.queue.QueueKeys;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Once a minute one instance (SET NX per minute) appends the queue's figures to its history; 48 h are kept. */
@Component
class QueueHistory {

    static final Duration KEEP = Duration.ofHours(48);

    private final ReactiveStringRedisTemplate redis;
    private final QueueStore store;
    private final Map<Long, Long> lastMinute = new ConcurrentHashMap<>();

    QueueHistory(ReactiveStringRedisTemplate redis, QueueStore store) {
        this.redis = redis;
        this.store = store;
    }

    Mono<Void> record(long productId, long now) {
        long minute = now / 60_000 * 60;
        if (lastMinute.getOrDefault(productId, -1L) >= minute) {
            return Mono.empty();
        }
        lastMinute.put(productId, minute);
        return redis.opsForValue().setIfAbsent(QueueKeys.minuteLock(productId, minute), "1", Duration.ofMinutes(2))
                .filter(Boolean::booleanValue)
                .flatMap(won -> store.snapshot(productId))
                .flatMap(s -> {
                    String json = "{\"minute\":" + minute + ",\"waiting\":" + s.waiting() + ",\"joined\":" + s.joined()
                            + ",\"admitted\":" + s.admitted() + ",\"dropped\":" + s.dropped() + "}";
                    String key = QueueKeys.history(productId);
                    return redis.opsForZSet().add(key, json, minute)
                            .then(redis.opsForZSet().removeRangeByScore(key,
                                    Range.closed(Double.NEGATIVE_INFINITY, (double) (minute - KEEP.toSeconds()))));
                })
                .then();
    }
}
