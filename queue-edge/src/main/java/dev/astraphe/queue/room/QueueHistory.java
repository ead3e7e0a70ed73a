package dev.astraphe.queue.room;

import dev.astraphe.shared.queue.QueueKeys;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Once a minute one instance (SET NX per minute) appends the queue's figures to its history; 48 h are kept, also after
 * the sale (the key expires 48 h after its last minute), and every minute of the waiting room measured now for up to
 * {@link #LONGEST}: a sale open for days keeps its opening, its busiest minutes, for a chart of the whole sale (the
 * admins' board shows the last hour). A minute whose write fails is tried again on the next pass,
 * by this instance or, its lock given back, by another: a Redis error does not leave a gap in the chart. Each minute
 * names the waiting room it measured ({@code since}, see {@code QueueKeys.STAT_SINCE}), so that the chart of a product sold
 * again within the hour leaves out the minutes of its sale before.
 */
@Component
class QueueHistory {

    static final Duration KEEP = Duration.ofHours(48);
    /** The most kept of one waiting room's minutes (about a megabyte and a half per product). */
    static final Duration LONGEST = QueueKeys.HISTORY_LONGEST;

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
        String lock = QueueKeys.minuteLock(productId, minute);
        return redis.opsForValue().setIfAbsent(lock, "1", Duration.ofMinutes(2)).flatMap(won -> {
            if (!won) {
                lastMinute.put(productId, minute); // another instance has it
                return Mono.empty();
            }
            return write(productId, minute)
                    .doOnSuccess(done -> lastMinute.put(productId, minute))
                    .onErrorResume(e -> redis.delete(lock).onErrorResume(x -> Mono.empty()).then(Mono.error(e)));
        }).then();
    }

    private Mono<Void> write(long productId, long minute) {
        String key = QueueKeys.history(productId);
        return store.snapshot(productId).flatMap(s -> {
            String json = "{\"minute\":" + minute + ",\"waiting\":" + s.waiting() + ",\"joined\":" + s.joined()
                    + ",\"admitted\":" + s.admitted() + ",\"dropped\":" + s.dropped() + ",\"since\":" + s.since() + "}";
            // the minute written again after a lost reply replaces itself, and what is older than KEEP goes unless it
            // is this waiting room's (since 0: a room from before it was named, kept as any other)
            long keepFrom = minute - KEEP.toSeconds();
            if (s.since() > 0) {
                // from the minute the room opened in, as minutes are written
                keepFrom = Math.max(minute - LONGEST.toSeconds(), Math.min(keepFrom, s.since() / 60_000 * 60));
            }
            return redis.opsForZSet().removeRangeByScore(key, Range.closed((double) minute, (double) minute))
                    .then(redis.opsForZSet().add(key, json, minute))
                    .then(redis.opsForZSet().removeRangeByScore(key,
                            Range.rightOpen(Double.NEGATIVE_INFINITY, (double) keepFrom)))
                    .then(redis.expire(key, KEEP))
                    .then();
        });
    }
}
