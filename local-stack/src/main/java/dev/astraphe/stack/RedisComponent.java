package dev.astraphe.stack;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import redis.embedded.RedisServer;

/**
 * Redis (codemonstur's bundled binary) with an append-only file in {@code .local/redis}. Keyspace
 * notifications are set on the command line, because Spring Session's CONFIG SET does not survive
 * a Redis restart.
 */
final class RedisComponent implements Component {

    private final RedisServer server;
    private final BufferedWriter log;

    private RedisComponent(RedisServer server, BufferedWriter log) {
        this.server = server;
        this.log = log;
    }

    static RedisComponent start(Path dir, Path logFile, int port) throws IOException {
        Files.createDirectories(dir);
        BufferedWriter log = Files.newBufferedWriter(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dir.toAbsolutePath())
                .setting("appendonly yes")
                .setting("notify-keyspace-events Egx")
                .setting("save \"\"")
                .setting("protected-mode yes")
                .onShutdownForceStop(false)
                .soutListener(line -> write(log, line))
                .serrListener(line -> write(log, line))
                .build();
        server.start();
        return new RedisComponent(server, log);
    }

    private static void write(BufferedWriter log, String line) {
        try {
            synchronized (log) {
                log.write(line);
                log.newLine();
                log.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "Redis";
    }

    @Override
    public void stop() {
        try {
            server.stop(); // SIGTERM: redis flushes the AOF
        } catch (IOException e) {
            System.err.println("  Redis stop: " + e.getMessage());
        }
        try {
            log.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
