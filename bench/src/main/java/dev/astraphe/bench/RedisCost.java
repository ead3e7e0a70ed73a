package dev.astraphe.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Redis spent on a round: {@code snapshot} writes Redis's own counters (commands processed, CPU seconds, calls
 * and time per command) to a file before and after it, and {@code per-request} divides the difference by the
 * round's requests. Redis counts the commands a Lua script calls, so a join's script and what it did inside are
 * both in the figures; the timers queue-edge runs meanwhile (cache refresh, ticks, heartbeats) are too, a few
 * commands a second.
 */
final class RedisCost {

    private RedisCost() {
    }

    static void snapshot(int port, Path out) throws IOException {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            Files.writeString(out, c.sync().info("stats") + "\n" + c.sync().info("cpu") + "\n" + c.sync().info("commandstats"));
        } finally {
            client.shutdown();
        }
    }

    /**
     * One line: per request, Redis commands (all, and the join script's runs and the session reads among them) and
     * CPU microseconds (all of Redis, and the join script's own). Session reads are the HMGETs beyond the two each
     * script run makes (the sale's flags, the draw's), so a round of other requests would show nonsense there.
     */
    static void perRequest(Path before, Path after, long requests) throws IOException {
        Map<String, Double> a = read(before);
        Map<String, Double> b = read(after);
        double commands = delta(a, b, "total_commands_processed");
        double cpu = delta(a, b, "used_cpu_user") + delta(a, b, "used_cpu_sys");
        double scripts = delta(a, b, "evalsha.calls") + delta(a, b, "eval.calls");
        // every run of the join script makes two HMGETs (the sale's flags, the draw's); the other HMGETs read sessions
        System.out.printf("requests=%d redis_commands_per_request=%.2f script_runs_per_request=%.3f session_reads_per_request=%.3f "
                        + "redis_cpu_us_per_request=%.1f script_us_per_request=%.1f%n",
                requests, commands / requests, scripts / requests, (delta(a, b, "hmget.calls") - 2 * scripts) / requests,
                cpu * 1e6 / requests, (delta(a, b, "evalsha.usec") + delta(a, b, "eval.usec")) / requests);
    }

    private static double delta(Map<String, Double> a, Map<String, Double> b, String key) {
        return b.getOrDefault(key, 0.0) - a.getOrDefault(key, 0.0);
    }

    /** "name:value" lines, and "cmdstat_x:calls=1,usec=2,..." as x.calls and x.usec. */
    private static Map<String, Double> read(Path file) throws IOException {
        Map<String, Double> values = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.startsWith("#")) {
                continue;
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).trim();
            if (name.startsWith("cmdstat_")) {
                for (String part : value.split(",")) {
                    String[] kv = part.split("=");
                    if (kv.length == 2 && (kv[0].equals("calls") || kv[0].equals("usec"))) {
                        values.put(name.substring(8) + "." + kv[0], Double.parseDouble(kv[1]));
                    }
                }
            } else {
                try {
                    values.put(name, Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    // not a number: not a counter
                }
            }
        }
        return values;
    }
}
