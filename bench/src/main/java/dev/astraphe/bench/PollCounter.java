package dev.astraphe.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Redis commands per poll: a fixed number of polls (distinct tickets, round robin) between two readings of
 * {@code INFO stats}/{@code INFO commandstats}. queue-edge also talks to Redis on timers (serving cache, ticks,
 * heartbeat flushes), so the same reading is taken over an idle stretch as long as the run and reported apart:
 * "per poll" includes the timers, "net per poll" subtracts them.
 */
final class PollCounter {

    private PollCounter() {
    }

    static void run(int port, String url, String cookie, Path ticketFile, int requests, int concurrency) throws Exception {
        List<String> tickets = Files.readAllLines(ticketFile);
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> c = client.connect();
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            RedisCommands<String, String> redis = c.sync();
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            Map<String, Long> before = commandCalls(redis);
            long total0 = totalCommands(redis);
            long t0 = System.nanoTime();
            Semaphore permits = new Semaphore(concurrency);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < requests; i++) {
                    String ticket = tickets.get(i % tickets.size());
                    permits.acquire();
                    pool.submit(() -> {
                        try {
                            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                                    .header("Cookie", cookie + "=" + ticket).header("HX-Request", "true").GET().build();
                            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            (status == 200 ? ok : other).incrementAndGet();
                        } catch (Exception e) {
                            other.incrementAndGet();
                        } finally {
                            permits.release();
                        }
                    });
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long total1 = totalCommands(redis);
            Map<String, Long> after = commandCalls(redis);
            // idle stretch of the same length: what the timers cost without polls
            long idle0 = totalCommands(redis);
            Thread.sleep((long) (seconds * 1000));
            long idle1 = totalCommands(redis);
            long commands = total1 - total0 - 1;
            long idle = idle1 - idle0 - 1;
            System.out.printf("polls=%d ok=%d non200=%d seconds=%.2f commands=%d per_poll=%.3f idle_commands=%d net_per_poll=%.3f%n",
                    requests, ok.get(), other.get(), seconds, commands, (double) commands / requests, idle,
                    (double) (commands - idle) / requests);
            Map<String, Long> delta = new TreeMap<>();
            after.forEach((k, v) -> {
                long d = v - before.getOrDefault(k, 0L);
                if (d > 0) {
                    delta.put(k, d);
                }
            });
            StringBuilder sb = new StringBuilder("commandstats delta:");
            delta.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            System.out.println(sb);
        } finally {
            client.shutdown();
        }
    }

    private static long totalCommands(RedisCommands<String, String> redis) {
        for (String line : redis.info("stats").split("\r?\n")) {
            if (line.startsWith("total_commands_processed:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("no total_commands_processed in INFO stats");
    }

    /** cmdstat_zadd:calls=12,usec=... → zadd=12 */
    private static Map<String, Long> commandCalls(RedisCommands<String, String> redis) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : redis.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring(8, line.indexOf(':'));
                String rest = line.substring(line.indexOf("calls=") + 6);
                calls.put(name, Long.parseLong(rest.substring(0, rest.indexOf(','))));
            }
        }
        return calls;
    }
}
