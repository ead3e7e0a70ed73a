package dev.astraphe.bench;

import dev.astraphe.shared.queue.QueueKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Writes a product's sale and waiting line straight into Redis with the waiting room's own key layout
 * ({@link QueueKeys}) and the hash the schedule consumer materialises: a million joins through HTTP would
 * take longer than the benchmark itself.
 */
final class Seeder implements AutoCloseable {

    private static final int CHUNK = 20_000;
    /** What the join script does per arrival (ZADD line, HSET last seen), a chunk at a time. */
    private static final String LINE = """
            local first, n, now, offset, from = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
            for i = from, from + n - 1 do
              local user = tostring(first + i - 1)
              local seq = offset + i
              redis.call('ZADD', KEYS[1], seq, user)
              redis.call('HSET', KEYS[2], user, now)
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
     * {@code poll}: the sale is live and admitting {@code batch} shoppers every {@code interval} seconds, so ticks,
     * drops and heartbeats all run.
     */
    void sale(long productId, String mode, int batch, int interval) {
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
        h.put("admissionBatchSize", Integer.toString(batch));
        h.put("admissionIntervalSeconds", Integer.toString(interval));
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
        String[] keys = {QueueKeys.line(productId), QueueKeys.heartbeats(productId)};
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

    /** One line of the summary: where the line's front is and what the ticks have done so far. */
    String stats(long productId) {
        Map<String, String> h = redis.hgetall(QueueKeys.stats(productId));
        long serving = (long) Double.parseDouble(h.getOrDefault("serving", "0"));
        long front = serving > QueueKeys.LATER_ARRIVALS_OFFSET ? serving - QueueKeys.LATER_ARRIVALS_OFFSET : serving;
        return "product " + productId + ": served up to position " + front + ", waiting " + h.getOrDefault(QueueKeys.STAT_WAITING, "0")
                + ", admitted " + h.getOrDefault(QueueKeys.STAT_ADMITTED, "0") + ", dropped " + h.getOrDefault(QueueKeys.STAT_DROPPED, "0");
    }

    /** A line to keep partly alive: every {@code step}-th of its first {@code count} shoppers. */
    record Alive(long productId, int count, long firstUser, int step) {

        /** {@code product:count:step}, users from 1 as {@link #line} numbers them. */
        static Alive parse(String spec) {
            String[] p = spec.split(":");
            return new Alive(Long.parseLong(p[0]), Integer.parseInt(p[1]), 1, Integer.parseInt(p[2]));
        }
    }

    /**
     * Stands in for the shoppers near the front of a line who are not among the measured tickets: every
     * {@code step}-th of the first {@code count} positions is seen again, a sixtieth of them each second (one
     * {@code HSET} of their last-seen times per line), so each within a minute and all outlive the grace period while
     * the others there are dropped by the ticks. Without it every unmeasured shopper falls silent at once when the
     * grace runs out, the ticks sweep the front away, and the line reaches the measured tickets: the poll runs would
     * then measure admitted shoppers (a fresh signed admission on every poll, which a browser asks for once) instead
     * of waiting ones. Unlike queue-edge's heartbeats it also touches shoppers already admitted or dropped; nothing
     * reads their entries, as they are no longer in the line. Runs until killed.
     */
    void keepAlive(List<Alive> lines) throws InterruptedException {
        int slices = 60;
        List<long[]> positions = new ArrayList<>();
        for (Alive a : lines) {
            positions.add(LongStream.iterate(1, p -> p <= a.count(), p -> p + a.step()).toArray());
            System.out.println("keeping every " + a.step() + ". of the first " + a.count() + " shoppers of product "
                    + a.productId() + " alive");
        }
        for (int slice = 0; ; slice = (slice + 1) % slices) {
            long now = System.currentTimeMillis();
            for (int k = 0; k < lines.size(); k++) {
                Alive a = lines.get(k);
                long[] p = positions.get(k);
                Map<String, String> seen = new HashMap<>();
                for (int i = slice; i < p.length; i += slices) {
                    seen.put(Long.toString(a.firstUser() + p[i] - 1), Long.toString(now));
                }
                if (!seen.isEmpty()) {
                    redis.hset(QueueKeys.heartbeats(a.productId()), seen);
                }
            }
            Thread.sleep(1000);
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
