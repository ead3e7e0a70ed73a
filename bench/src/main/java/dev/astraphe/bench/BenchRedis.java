package dev.astraphe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import redis.embedded.RedisServer;

/**
 * The benchmark's own Redis (codemonstur's bundled binary) on a free port, in memory only. Keyspace
 * notifications as the local stack sets them, because the indexed session repositories rely on them.
 * Runs until the process is terminated; Redis's own log lines go to this process's output.
 */
final class BenchRedis {

    private BenchRedis() {
    }

    static void run(int port, Path dir) throws Exception {
        Files.createDirectories(dir);
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dir.toAbsolutePath())
                .setting("appendonly no")
                .setting("save \"\"")
                .setting("notify-keyspace-events Egx")
                .setting("maxmemory 0")
                // Redis's own output must be read, or Redis blocks on its next log line once the pipe is full
                .soutListener(line -> System.out.println("redis: " + line))
                .serrListener(line -> System.out.println("redis: " + line))
                .build();
        server.start();
        System.out.println("redis ready on " + port);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("redis stop: " + e.getMessage());
            }
            stop.countDown();
        }));
        stop.await();
    }
}
