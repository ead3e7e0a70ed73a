package dev.astraphe.queue.room;

import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.shared.queue.QueueKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Sale schedules written the way the schedule materialisation writes them, one fresh product per test. */
final class TestSales {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1000);

    private TestSales() {
    }

    static long newProductId() {
        return IDS.incrementAndGet();
    }

    static SaleSchedule sale(long productId, Instant startsAt, Duration delay, int batch, int intervalSeconds, int stock) {
        return new SaleSchedule(productId, 1, "한정판 운동화 " + productId, 1, startsAt, null, batch, intervalSeconds,
                (int) delay.toSeconds(), stock, 2, false, "SCHEDULED");
    }

    /** Stores the schedule (and the contract's {@code available}) in the product's sale hash. */
    static SaleSchedule store(ReactiveStringRedisTemplate redis, SaleSchedule s) {
        Map<String, String> h = new HashMap<>();
        h.put("productId", Long.toString(s.productId()));
        h.put("companyId", Long.toString(s.companyId()));
        h.put("productName", s.productName());
        h.put("scheduleVersion", Long.toString(s.scheduleVersion()));
        h.put("saleStartsAt", Long.toString(s.saleStartsAt().toEpochMilli()));
        h.put("admissionBatchSize", Integer.toString(s.admissionBatchSize()));
        h.put("admissionIntervalSeconds", Integer.toString(s.admissionIntervalSeconds()));
        h.put("admissionDelaySeconds", Integer.toString(s.admissionDelaySeconds()));
        h.put("totalStock", Integer.toString(s.totalStock()));
        h.put("available", Integer.toString(s.totalStock()));
        h.put("perShopperLimit", Integer.toString(s.perShopperLimit()));
        h.put("hidden", Boolean.toString(s.hidden()));
        h.put("saleStatus", s.saleStatus());
        if (s.saleEndsAt() != null) {
            h.put("saleEndsAt", Long.toString(s.saleEndsAt().toEpochMilli()));
        }
        if (s.mainImageKey() != null) {
            h.put("mainImageKey", s.mainImageKey());
        }
        if (s.salePrice() != null) {
            h.put("salePrice", Long.toString(s.salePrice()));
        }
        redis.opsForHash().putAll(QueueKeys.sale(s.productId()), h).block();
        redis.opsForZSet().add("astraphe:sales", Long.toString(s.productId()), s.saleStartsAt().toEpochMilli()).block();
        return s;
    }
}
