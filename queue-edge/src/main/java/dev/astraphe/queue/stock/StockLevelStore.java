package dev.astraphe.queue.stock;

import dev.astraphe.shared.events.StockLevelChanged;
import dev.astraphe.shared.queue.QueueKeys;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Writes a product's stock level into its sale hash ({@link QueueKeys#sale}), where the waiting room's scripts read
 * it: {@code available} (the units admissions may take), {@code soldOut} and {@code allHeld}. The version check and
 * the write are one script, so a late or replayed older level never overwrites a newer one.
 */
@Component
class StockLevelStore {

    /** What became of a level. */
    enum Outcome {
        APPLIED,
        /** Redis has this level or a newer one. */
        OLD,
        /** The level is of another sale of the product than the one Redis has (sold again, or not yet learnt). */
        OTHER_SALE
    }

    /**
     * KEYS: 1 the sale hash. ARGV: 1 stock version, 2 the sale's start (epoch millis), 3 available, 4 held.
     *
     * <p>A level may arrive before its schedule (both topics are read from their start on every boot, side by side): it
     * is kept with the start it names ({@code stockSaleStartsAt}), and the schedule's script removes its figures if
     * the schedule turns out to be another sale's. Sold out is final for a sale: the waiting pages stopped polling on
     * it, so a later level does not undo it (a product sold again starts without it).
     */
    private static final RedisScript<String> APPLY = RedisScript.of("""
            local cur = redis.call('HMGET', KEYS[1], 'saleStartsAt', 'stockVersion', 'soldOut')
            if cur[2] and tonumber(cur[2]) >= tonumber(ARGV[1]) then return 'OLD' end
            if cur[1] and cur[1] ~= ARGV[2] then return 'OTHER_SALE' end
            local available, held = tonumber(ARGV[3]), tonumber(ARGV[4])
            local soldOut = cur[3] == '1' or (available == 0 and held == 0)
            local allHeld = not soldOut and available == 0 and held > 0
            redis.call('HSET', KEYS[1], 'stockVersion', ARGV[1], 'stockSaleStartsAt', ARGV[2], 'available', ARGV[3],
              'soldOut', soldOut and '1' or '0', 'allHeld', allHeld and '1' or '0')
            return 'APPLIED'
            """, String.class);

    private final StringRedisTemplate redis;

    StockLevelStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    Outcome apply(StockLevelChanged level) {
        String answer = redis.execute(APPLY, List.of(QueueKeys.sale(level.productId())),
                Long.toString(level.stockVersion()), Long.toString(level.saleStartsAt().toEpochMilli()),
                Integer.toString(level.available()), Integer.toString(level.held()));
        return Outcome.valueOf(answer);
    }
}
