package dev.astraphe.queue.schedule;

import dev.astraphe.shared.events.SaleScheduleChanged;
import dev.astraphe.shared.queue.QueueKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Writes schedules into Redis, one hash per product. The version check and the write happen in one script, so
 * a late or replayed older version can never overwrite a newer one. Instants are stored as epoch millis, which
 * admission scripts can compare with TIME directly.
 */
@Component
class SaleScheduleStore {

    /** ARGV[1] incoming version, ARGV[2] sale end ('' = none), ARGV[3..] field/value pairs. Returns 1 if applied. */
    private static final RedisScript<Long> APPLY = RedisScript.of("""
            local stored = redis.call('HGET', KEYS[1], 'scheduleVersion')
            if stored and tonumber(stored) > tonumber(ARGV[1]) then
              return 0
            end
            redis.call('HSET', KEYS[1], unpack(ARGV, 3))
            if ARGV[2] == '' then
              redis.call('HDEL', KEYS[1], 'saleEndsAt')
            else
              redis.call('HSET', KEYS[1], 'saleEndsAt', ARGV[2])
            end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    SaleScheduleStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Returns whether the event was newer than (or as new as) what Redis had. */
    boolean apply(SaleScheduleChanged e) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(e.scheduleVersion()));
        args.add(e.saleEndsAt() == null ? "" : millis(e.saleEndsAt()));
        pair(args, "schemaVersion", e.schemaVersion());
        pair(args, "productId", e.productId());
        pair(args, "companyId", e.companyId());
        pair(args, "productName", e.productName() == null ? "" : e.productName());
        pair(args, "scheduleVersion", e.scheduleVersion());
        pair(args, "saleStartsAt", millis(e.saleStartsAt()));
        pair(args, "admissionBatchSize", e.admissionBatchSize());
        pair(args, "admissionIntervalSeconds", e.admissionIntervalSeconds());
        pair(args, "admissionDelaySeconds", e.admissionDelaySeconds());
        pair(args, "totalStock", e.totalStock());
        pair(args, "perShopperLimit", e.perShopperLimit());
        pair(args, "hidden", e.hidden());
        pair(args, "saleStatus", e.saleStatus());
        pair(args, "occurredAt", e.occurredAt() == null ? "" : millis(e.occurredAt()));
        Long applied = redis.execute(APPLY, List.of(SaleScheduleKeys.schedule(e.productId())), args.toArray());
        if (applied == null || applied == 0) {
            return false;
        }
        // separate command: the index is in another cluster slot than the product's hash
        redis.opsForZSet().add(SaleScheduleKeys.INDEX, Long.toString(e.productId()), e.saleStartsAt().toEpochMilli());
        return true;
    }

    /** A tombstone on the compacted topic: the product is gone, and its waiting room and history with it. */
    void remove(long productId) {
        redis.delete(SaleScheduleKeys.schedule(productId));
        redis.opsForZSet().remove(SaleScheduleKeys.INDEX, Long.toString(productId));
        List<String> queue = new ArrayList<>(QueueKeys.queueState(productId));
        queue.add(QueueKeys.history(productId));
        redis.unlink(queue);
    }

    private static void pair(List<String> args, String field, Object value) {
        args.add(field);
        args.add(String.valueOf(value));
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
