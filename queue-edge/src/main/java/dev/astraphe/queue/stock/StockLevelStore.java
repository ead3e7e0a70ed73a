package dev.astraphe.queue.stock;

import dev.astraphe.shared.events.StockLevelChanged;
import dev.astraphe.shared.queue.QueueKeys;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Writes a product's stock level into its sale hash ({@link QueueKeys#sale}), where the waiting room's scripts read
 * it: {@code available} (the units admissions may take), {@code soldOut} and {@code allHeld}. The version check and
 * the write are one script, so a late or replayed older level never overwrites a newer one. The shoppers whose orders
 * the level counts leave the admissions that hold units ({@link QueueKeys#recentAdmissions}) in the same script.
 */
@Component
public class StockLevelStore {

    /** What became of a level. */
    enum Outcome {
        APPLIED,
        /** Redis has this level or a newer one. */
        OLD,
        /**
         * Kept, but of another sale than the one Redis has (a sale before, or one whose schedule is still on its way):
         * its figures count once the schedule says the sale is that one ({@link #DERIVE}, run by the schedule's script).
         */
        KEPT
    }

    /**
     * The waiting room's stock fields of a sale hash, from the level stored with it ({@code stockAvailable},
     * {@code stockHeld}); the caller has checked that the level is the sale's. Sold out stays if {@code keepSoldOut}
     * (the same sale was sold out before: waiting pages stopped polling on it, so it is final). A Lua function both
     * scripts that write a sale hash define.
     */
    public static final String DERIVE = """
            local function deriveStock(key, keepSoldOut)
              local r = redis.call('HMGET', key, 'stockAvailable', 'stockHeld', 'soldOut')
              local available, held = tonumber(r[1]), tonumber(r[2])
              local soldOut = (keepSoldOut and r[3] == '1') or (available == 0 and held == 0)
              local allHeld = not soldOut and available == 0 and held > 0
              redis.call('HSET', key, 'available', r[1], 'soldOut', soldOut and '1' or '0', 'allHeld', allHeld and '1' or '0')
            end
            """;

    /**
     * KEYS: 1 the sale hash, 2 the admissions still holding units (the same slot). ARGV: 1 stock version, 2 the sale's
     * start (epoch millis), 3 available, 4 held, then the users whose orders it counts for the first time.
     *
     * <p>The level is kept whatever sale it names ({@code stockVersion}, {@code stockSaleStartsAt}, {@code stockAvailable},
     * {@code stockHeld}); the fields the waiting room reads follow it only if it names the sale Redis has. The two
     * topics are read side by side, so a level may arrive before the schedule of its sale: that schedule's script then
     * makes the fields from it.
     */
    private static final RedisScript<String> APPLY = RedisScript.of(DERIVE + """
            local cur = redis.call('HMGET', KEYS[1], 'saleStartsAt', 'stockVersion', 'stockSaleStartsAt')
            if cur[2] and tonumber(cur[2]) >= tonumber(ARGV[1]) then return 'OLD' end
            redis.call('HSET', KEYS[1], 'stockVersion', ARGV[1], 'stockSaleStartsAt', ARGV[2], 'stockAvailable', ARGV[3],
              'stockHeld', ARGV[4])
            if cur[1] ~= ARGV[2] then return 'KEPT' end
            deriveStock(KEYS[1], cur[3] == ARGV[2])
            if #ARGV > 4 then redis.call('ZREM', KEYS[2], unpack(ARGV, 5)) end
            return 'APPLIED'
            """, String.class);

    private final StringRedisTemplate redis;

    StockLevelStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    Outcome apply(StockLevelChanged level) {
        List<String> args = new ArrayList<>(List.of(Long.toString(level.stockVersion()),
                Long.toString(level.saleStartsAt().toEpochMilli()), Integer.toString(level.available()),
                Integer.toString(level.held())));
        level.orderedBy().forEach(user -> args.add(Long.toString(user)));
        String answer = redis.execute(APPLY, List.of(QueueKeys.sale(level.productId()),
                QueueKeys.recentAdmissions(level.productId())), args.toArray());
        return Outcome.valueOf(answer);
    }
}
