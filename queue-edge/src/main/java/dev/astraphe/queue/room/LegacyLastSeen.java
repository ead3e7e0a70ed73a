package dev.astraphe.queue.room;

import dev.astraphe.queue.schedule.SaleScheduleKeys;
import dev.astraphe.shared.queue.QueueKeys;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Moves the last-seen times a Redis may still hold from before 2026-12-06, when they were a sorted set per product
 * ({@link QueueKeys#formerHeartbeats}), into the hash that replaced it ({@link QueueKeys#heartbeats}), once, at boot.
 *
 * <p>Without this, a line that was waiting across the upgrade (the local stack's Redis keeps its data between
 * starts) would have no last-seen times: its shoppers' polls would not be recorded (only shoppers already tracked
 * are) and the line would drop each of them when it reached them. A time already in the hash was written since the
 * upgrade and is newer, so it is kept. The move runs in chunks, each one script, so Redis is never held long by a
 * long line, and several instances starting together move each entry exactly once. Only the products of the sale
 * index are looked at (a product without a schedule has no line that matters), not the whole keyspace, which holds
 * every shopper's session too.
 *
 * <p>It runs once every bean is made and before the context's refresh ends, which is when the scheduled tasks
 * begin: the admission ticks never see a line whose last-seen times are still in the old set (as an application
 * runner, after the refresh, it raced the first ticks, which dropped those shoppers as silent).
 */
@Component
class LegacyLastSeen implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(LegacyLastSeen.class);

    /** Entries moved by one script run. */
    static final int CHUNK = 1000;

    /** KEYS: 1 the old sorted set, 2 the hash. ARGV: 1 chunk size. Returns the entries left in the sorted set. */
    private static final RedisScript<Long> MOVE = RedisScript.of("""
            if redis.call('TYPE', KEYS[1])['ok'] ~= 'zset' then return 0 end
            local last = tonumber(ARGV[1]) - 1
            local entries = redis.call('ZRANGE', KEYS[1], 0, last, 'WITHSCORES')
            for i = 1, #entries, 2 do
              redis.call('HSETNX', KEYS[2], entries[i], string.format('%d', tonumber(entries[i + 1])))
            end
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, last)
            return redis.call('ZCARD', KEYS[1])
            """, Long.class);

    private final StringRedisTemplate redis;

    LegacyLastSeen(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public void afterSingletonsInstantiated() {
        run();
    }

    void run() {
        try {
            moveAll();
        } catch (DataAccessException e) {
            // the waiting room works without it; only a line from before the upgrade loses its last-seen times
            log.warn("Could not move last-seen times from before 2026-12-06: {}", e.getMessage());
        }
    }

    private void moveAll() {
        Set<String> products = redis.opsForZSet().range(SaleScheduleKeys.INDEX, 0, -1);
        for (String product : products == null ? Set.<String>of() : products) {
            long productId = Long.parseLong(product);
            String legacy = QueueKeys.formerHeartbeats(productId);
            if (!Boolean.TRUE.equals(redis.hasKey(legacy))) {
                continue;
            }
            Long left;
            do {
                left = redis.execute(MOVE, List.of(legacy, QueueKeys.heartbeats(productId)), Integer.toString(CHUNK));
            } while (left != null && left > 0);
            log.info("Moved the last-seen times of product {} from {} (before 2026-12-06) to {}",
                    productId, legacy, QueueKeys.heartbeats(productId));
        }
    }
}
