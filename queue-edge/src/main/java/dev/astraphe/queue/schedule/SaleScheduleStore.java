package dev.astraphe.queue.schedule;

import dev.astraphe.queue.stock.StockLevelStore;
import dev.astraphe.shared.events.SaleScheduleChanged;
import dev.astraphe.shared.queue.QueueKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.connection.RedisZSetCommands.ZAddArgs;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Writes schedules into Redis, one hash per product. The version check and the write happen in one script, so
 * a late or replayed older version can never overwrite a newer one. Instants are stored as epoch millis, which
 * admission scripts can compare with TIME directly.
 *
 * <p>A product is sold again by moving its sale's start once the sale before is over (ended, stopped, sold out). The
 * same script then removes that sale's waiting room (as {@code FinishedQueues} would an hour after its end): the new
 * sale starts with an empty line, a fresh sequence, a pre-queue to draw, a running queue and the schedule's stock,
 * not the old one's leftovers (a stopped queue would otherwise stay stopped, and a sold-out one sold out, for good).
 * Moving the start of a sale that is not over (a postponement, before or during the sale) keeps its line: nobody
 * waiting loses their place. Admissions made before a postponed start are void (see the storefront's gate), so a
 * postponement forgets them and the units they held, also one to a time already past. Replays of the same version
 * change nothing, since the start they carry is the one stored.
 */
@Component
class SaleScheduleStore {

    private static final Logger log = LoggerFactory.getLogger(SaleScheduleStore.class);
    private static final byte[] LONG_RUNNING_KEY = SaleScheduleKeys.LONG_RUNNING.getBytes(StandardCharsets.US_ASCII);

    /**
     * KEYS: 1 the schedule, then the waiting room's keys ({@link QueueKeys#queueState}: 2 control, 3 stats, ...).
     * ARGV[1] incoming version, ARGV[2] sale end ('' = none), ARGV[3] new start, ARGV[4] now (epoch millis), ARGV[5..]
     * field/value pairs. Returns 0 if older than what is stored, 1 if applied, 2 if applied as a new sale whose
     * predecessor's waiting room was removed.
     */
    private static final RedisScript<Long> APPLY = RedisScript.of(StockLevelStore.DERIVE + """
            local old = redis.call('HMGET', KEYS[1], 'scheduleVersion', 'saleStartsAt', 'saleEndsAt', 'saleStatus', 'soldOut')
            if old[1] and tonumber(old[1]) > tonumber(ARGV[1]) then
              return 0
            end
            local now, oldStart = tonumber(ARGV[4]), tonumber(old[2])
            local resold = false
            if oldStart and oldStart ~= tonumber(ARGV[3]) then
              -- a stop is final, also one made before the start; an end or a sell-out only once the sale began
              local stopped = old[4] == 'STOPPED' or redis.call('HGET', KEYS[2], 'state') == 'STOPPED'
              local ended = old[3] and tonumber(old[3]) <= now
              resold = stopped or (oldStart <= now and (ended or old[5] == '1'))
            end
            if not old[1] then
              -- a schedule Redis did not have: a new product, or Redis wiped and the topic read again. Tickets issued
              -- before now are of a line that is gone (polls would show them a place nobody serves): none count
              redis.call('HSET', KEYS[3], 'since', ARGV[4])
            end
            if resold then
              redis.call('UNLINK', unpack(KEYS, 2))
              -- when the new waiting room began: tickets issued before it are the old sale's
              redis.call('HSET', KEYS[3], 'since', ARGV[4])
              -- (the old sale's stock figures give way below: the start moved)
            elseif oldStart and tonumber(ARGV[3]) > oldStart then
              -- a postponement: an admission made before the new start is honoured neither by the storefront nor by
              -- the waiting room, so it holds no unit any longer (KEYS 10 admitted, 11 recent)
              local start = tonumber(ARGV[3])
              if start > now then
                -- every admission so far
                redis.call('UNLINK', KEYS[10], KEYS[11])
              else
                -- to a time already past: those made between the old start and the new one (rare, and as many at
                -- most as the units the sale had)
                redis.call('ZREMRANGEBYSCORE', KEYS[11], '-inf', '(' .. ARGV[3])
                local admitted = redis.call('HGETALL', KEYS[10])
                for i = 1, #admitted, 2 do
                  if tonumber(admitted[i + 1]) < start then redis.call('HDEL', KEYS[10], admitted[i]) end
                end
              end
            end
            local fields, at = {unpack(ARGV, 5)}, {}
            for i = 1, #fields - 1, 2 do at[fields[i]] = i + 1 end
            if old[4] == 'STOPPED' and fields[at.saleStatus] == 'STOPPED' and oldStart == tonumber(ARGV[3]) then
              -- still the same stopped sale (a later edit, hiding or picture sends its own time): its time stays the
              -- stop's, which its waiting room is swept an hour after
              fields[at.occurredAt] = redis.call('HGET', KEYS[1], 'occurredAt') or fields[at.occurredAt]
            end
            redis.call('HSET', KEYS[1], unpack(fields))
            if not old[1] or oldStart ~= tonumber(ARGV[3]) then
              -- a sale Redis did not have, or a start moved: the stock fields the waiting room reads come from the level
              -- kept with the sale, if it is this sale's (the topics are read side by side: it may have come first)
              local stockFor = redis.call('HGET', KEYS[1], 'stockSaleStartsAt')
              if not resold and old[1] and stockFor == old[2] then
                -- the same sale, moved: its level moves with it (the order pipeline publishes it again with the new start)
                redis.call('HSET', KEYS[1], 'stockSaleStartsAt', ARGV[3])
                stockFor = ARGV[3]
              end
              if stockFor == ARGV[3] then
                deriveStock(KEYS[1], not resold and old[1] ~= nil)
              else
                -- none of this sale's yet (a sale sold again included): the schedule's stock until the pipeline says more
                redis.call('HDEL', KEYS[1], 'available', 'soldOut', 'allHeld')
              end
            end
            if ARGV[2] == '' then
              redis.call('HDEL', KEYS[1], 'saleEndsAt')
            else
              redis.call('HSET', KEYS[1], 'saleEndsAt', ARGV[2])
            end
            return resold and 2 or 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    /** Written with every schedule ({@link QueueKeys#SALE_ADMITTED_HOLD_MS}): a replay at boot brings a changed setting. */
    private final Duration admittedHold;

    SaleScheduleStore(StringRedisTemplate redis, Clock clock, ApplicationEventPublisher events,
                      @Value("${astraphe.queue.admitted-hold:10m}") Duration admittedHold) {
        this.redis = redis;
        this.clock = clock;
        this.events = events;
        this.admittedHold = admittedHold;
    }

    /** Returns whether the event was newer than (or as new as) what Redis had. */
    boolean apply(SaleScheduleChanged e) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(e.scheduleVersion()));
        args.add(e.saleEndsAt() == null ? "" : millis(e.saleEndsAt()));
        args.add(millis(e.saleStartsAt()));
        long now = clock.millis();
        args.add(Long.toString(now));
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
        // what the waiting room shows beside the name; written empty when there is none, so that one removed goes too
        pair(args, "mainImageKey", e.mainImageKey() == null ? "" : e.mainImageKey());
        pair(args, "salePrice", e.salePrice() == null ? "" : Long.toString(e.salePrice()));
        pair(args, QueueKeys.SALE_ADMITTED_HOLD_MS, admittedHold.toMillis());
        // when the change was made (a stop's waiting room is swept an hour after it); when it was applied, if unsaid
        pair(args, "occurredAt", e.occurredAt() == null ? Long.toString(now) : millis(e.occurredAt()));
        List<String> keys = new ArrayList<>();
        keys.add(SaleScheduleKeys.schedule(e.productId()));
        keys.addAll(QueueKeys.queueState(e.productId()));
        Long applied = redis.execute(APPLY, keys, args.toArray());
        if (applied == null || applied == 0) {
            return false;
        }
        long occurredAt = e.occurredAt() == null ? now : e.occurredAt().toEpochMilli();
        if (SaleSchedule.STOPPED.equals(e.saleStatus())) {
            // the script keeps a stopped sale's stop time through later changes: the index is scored by what it kept
            Object kept = redis.opsForHash().get(SaleScheduleKeys.schedule(e.productId()), "occurredAt");
            occurredAt = kept == null ? occurredAt : Long.parseLong(kept.toString());
        }
        events.publishEvent(new SaleScheduleApplied(e.productId()));
        if (applied == 2) {
            log.info("Product {} is on sale again from {}: the waiting room of its sale before was removed",
                    e.productId(), e.saleStartsAt());
        }
        indexes(e.productId(), e.scheduleVersion(), e.saleStartsAt(), e.saleEndsAt(), e.saleStatus(), occurredAt, now);
        return true;
    }

    /**
     * Indexes a schedule the script applied: by its start, and as a long-running sale. Separate commands, as the
     * indexes are in other cluster slots than the product's hash, so an instance's writes for one version can land
     * after another instance's for a newer one (two instances applying in turn, or a replay on boot beside a live
     * change): the writer then reads the stored schedule back and indexes that instead. Whoever writes last has read
     * the newest schedule.
     */
    void indexes(long productId, long version, Instant start, @Nullable Instant end, String status, long occurredAt, long now) {
        String id = Long.toString(productId);
        redis.opsForZSet().add(SaleScheduleKeys.INDEX, id, start.toEpochMilli());
        index(id, start, end, status, occurredAt, now);
        List<Object> stored = redis.opsForHash().multiGet(SaleScheduleKeys.schedule(productId),
                List.of("scheduleVersion", "saleStartsAt", "saleEndsAt", "saleStatus", "occurredAt"));
        if (stored.getFirst() == null || Long.parseLong(stored.getFirst().toString()) == version) {
            return;
        }
        Instant storedStart = Instant.ofEpochMilli(Long.parseLong(stored.get(1).toString()));
        Instant storedEnd = stored.get(2) == null ? null : Instant.ofEpochMilli(Long.parseLong(stored.get(2).toString()));
        redis.opsForZSet().add(SaleScheduleKeys.INDEX, id, storedStart.toEpochMilli());
        String storedOccurredAt = stored.get(4) == null ? "" : stored.get(4).toString();
        index(id, storedStart, storedEnd, String.valueOf(stored.get(3)),
                storedOccurredAt.isEmpty() ? now : Long.parseLong(storedOccurredAt), now);
    }

    /**
     * Keeps a sale that may run longer than {@link SaleSchedules#LONG_SALE} in {@link SaleScheduleKeys#LONG_RUNNING},
     * scored by its end, or by now once cancelled. One that was such a sale stays there too, under its new end: it
     * leaves when the sweep of finished queues has removed its waiting room, an hour after that end, however long ago
     * it started (the sweep's look at recent starts would not find it). A stopped sale is scored by its stop (the
     * event's time), the sweep removing its waiting room an hour later.
     */
    private void index(String id, Instant start, @Nullable Instant end, String status, long occurredAt, long now) {
        boolean longSale = end == null || Duration.between(start, end).compareTo(SaleSchedules.LONG_SALE) > 0;
        double score = SaleSchedule.CANCELLED.equals(status) ? now
                : SaleSchedule.STOPPED.equals(status) ? occurredAt
                : end == null ? SaleScheduleKeys.NO_END : end.toEpochMilli();
        // one that is not (or no longer) long: its entry, if it has one, moves (XX: added only where present)
        ZAddArgs args = longSale ? ZAddArgs.empty() : ZAddArgs.ifExists();
        redis.execute((RedisCallback<Boolean>) connection -> connection.zSetCommands().zAdd(
                LONG_RUNNING_KEY, score, id.getBytes(StandardCharsets.US_ASCII), args));
    }

    /** A tombstone on the compacted topic: the product is gone, and its waiting room and history with it. */
    void remove(long productId) {
        redis.delete(SaleScheduleKeys.schedule(productId));
        redis.opsForZSet().remove(SaleScheduleKeys.INDEX, Long.toString(productId));
        redis.opsForZSet().remove(SaleScheduleKeys.LONG_RUNNING, Long.toString(productId));
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
