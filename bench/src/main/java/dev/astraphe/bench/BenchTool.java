package dev.astraphe.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The Java half of {@code bench/run-queue-bench.sh}: everything the shell cannot do well (Redis, seeding sessions
 * with Spring Session's own repository, signing tickets with queue-edge's own signer, a fixed-count poll loop).
 * Usage: {@code BenchTool <command> --name value ...}.
 */
public final class BenchTool {

    private BenchTool() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            throw new IllegalArgumentException("usage: BenchTool redis|keys|sale|line|keepalive|stats|sessions|tickets|count-polls|redis-snapshot|redis-per-request|share-chart|profile-start|profile-stop|profile-summary --opt value ...");
        }
        Map<String, String> o = options(argv);
        switch (argv[0]) {
            case "redis" -> BenchRedis.run(Integer.parseInt(o.get("port")), Path.of(o.get("dir")));
            case "keys" -> KeyFiles.write(Path.of(o.get("dir")));
            case "sale" -> {
                try (Seeder s = new Seeder(port(o))) {
                    s.sale(Long.parseLong(o.get("product")), o.get("mode"), Integer.parseInt(o.getOrDefault("batch", "10")),
                            Integer.parseInt(o.getOrDefault("interval", "1")));
                }
            }
            case "line" -> {
                try (Seeder s = new Seeder(port(o))) {
                    s.line(Long.parseLong(o.get("product")), Integer.parseInt(o.get("count")), Long.parseLong(o.getOrDefault("first-user", "1")));
                }
            }
            case "keepalive" -> {
                try (Seeder s = new Seeder(port(o))) {
                    s.keepAlive(Arrays.stream(o.get("lines").split(",")).map(Seeder.Alive::parse).toList());
                }
            }
            case "stats" -> {
                try (Seeder s = new Seeder(port(o))) {
                    System.out.println(s.stats(Long.parseLong(o.get("product"))));
                }
            }
            case "sessions" -> SessionSeeder.seed(port(o), Integer.parseInt(o.get("count")),
                    Long.parseLong(o.getOrDefault("first-user", "5000000")), Path.of(o.get("out")));
            case "tickets" -> TicketMinter.mint(Path.of(o.get("classes")), Path.of(o.get("secret-file")),
                    Long.parseLong(o.get("product")), Integer.parseInt(o.get("waiting")), Integer.parseInt(o.get("count")),
                    Long.parseLong(o.getOrDefault("first-user", "1")), Path.of(o.get("out")));
            case "count-polls" -> PollCounter.run(port(o), o.get("url"), o.get("cookie"), Path.of(o.get("tickets")),
                    Integer.parseInt(o.get("requests")), Integer.parseInt(o.getOrDefault("concurrency", "32")));
            case "redis-snapshot" -> RedisCost.snapshot(port(o), Path.of(o.get("out")));
            case "redis-per-request" -> RedisCost.perRequest(Path.of(o.get("before")), Path.of(o.get("after")),
                    Long.parseLong(o.get("requests")));
            case "share-chart" -> ShareChart.write(Path.of(o.getOrDefault("results", "bench/results")),
                    o.getOrDefault("since", "20261205-043147"), Path.of(o.getOrDefault("out", "docs/bench-join-share.svg")));
            case "profile-start" -> Profiles.start(o.get("pid"), Path.of(o.get("agent")));
            case "profile-stop" -> Profiles.stop(o.get("pid"), Path.of(o.get("agent")), Path.of(o.get("out")));
            case "profile-summary" -> Profiles.summary(Path.of(o.get("dir")), Path.of(o.get("out")));
            default -> throw new IllegalArgumentException("unknown command " + argv[0]);
        }
    }

    private static int port(Map<String, String> o) {
        return Integer.parseInt(o.get("redis-port"));
    }

    private static Map<String, String> options(String[] argv) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + argv[i]);
            }
            o.put(argv[i].substring(2), argv[i + 1]);
        }
        return o;
    }
}
