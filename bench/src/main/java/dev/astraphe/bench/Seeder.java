package dev.astraphe.bench;

import dev.astraphe.shared.queue.QueueKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a product's sale and waiting line straight into Redis with the waiting room's own key layout
 * ({@link QueueKeys}) and the hash the schedule consumer materialises: a million joins through HTTP would
 * take longer than the benchmark itself.
 */
final class Seeder implements AutoCloseable {

    private static final int CHUNK = 20_000;
    /** What the join script does per arrival (ZADD line, HSET places, ZADD beat), a chunk at a time. */
    private static final String LINE = """
            local first, n, now, offset, from = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
            for i = from, from + n - 1 do
              local user = tostring(first + i - 1)
              local seq = offset + i
              redis.call('ZADD', KEYS[1], seq, user)
              redis.call('HSET', KEYS[2], user, seq)
              redis.call('ZADD', KEYS[3], now, user)
            end
            return n
            """;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;

    Seeder(int port) {
        client = RedisClient.create("redis://127.0.0.1:" + port);
        connection = client.connect();
        connection.setTimeout(Duration.ofMinutes(2));
        redis = connection.sync();
    }

    /**
     * {@code join}: the sale is open but admissions start in an hour, so every join takes a place (no admit-at-once).
     * {@code poll}: the sale is live and admitting 10 shoppers a second, so ticks, drops and heartbeats all run.
     */
    void sale(long productId, String mode) {
        long now = System.currentTimeMillis();
        boolean join = "join".equals(mode);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("schemaVersion", "1");
        h.put("productId", Long.toString(productId));
        h.put("companyId", "1");
        h.put("productName", "Bench product " + productId);
        h.put("scheduleVersion", "1");
        h.put("saleStartsAt", Long.toString(now - Duration.ofMinutes(join ? 1 : 10).toMillis()));
        h.put("saleEndsAt", Long.toString(now + Duration.ofDays(1).toMillis()));
        h.put("admissionBatchSize", "10");
        h.put("admissionIntervalSeconds", "1");
        h.put("admissionDelaySeconds", join ? "3600" : "0");
        h.put("totalStock", "10000000");
        h.put("available", "10000000");
        h.put("perShopperLimit", "1");
        h.put("hidden", "false");
        h.put("saleStatus", "SCHEDULED");
        h.put("occurredAt", Long.toString(now));
        redis.hset(QueueKeys.sale(productId), h);
        redis.zadd("astraphe:sales", (double) Long.parseLong(h.get("saleStartsAt")), Long.toString(productId));
        System.out.println("sale " + productId + " (" + mode + ") seeded");
    }

    /** {@code count} shoppers waiting, user ids from {@code firstUser}, in arrival order, all seen just now. */
    void line(long productId, int count, long firstUser) {
        long now = System.currentTimeMillis();
        String[] keys = {QueueKeys.line(productId), QueueKeys.places(productId), QueueKeys.heartbeats(productId)};
        long offset = QueueKeys.LATER_ARRIVALS_OFFSET;
        for (int from = 1; from <= count; from += CHUNK) {
            int n = Math.min(CHUNK, count - from + 1);
            redis.eval(LINE, ScriptOutputType.INTEGER, keys, Long.toString(firstUser), Integer.toString(n),
                    Long.toString(now), Long.toString(offset), Integer.toString(from));
        }
        redis.set(QueueKeys.sequence(productId), Long.toString(offset + count));
        redis.hset(QueueKeys.stats(productId), Map.of(QueueKeys.STAT_WAITING, Integer.toString(count),
                QueueKeys.STAT_JOINED, Integer.toString(count)));
        System.out.println("line of product " + productId + ": " + redis.zcard(QueueKeys.line(productId)) + " waiting");
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
