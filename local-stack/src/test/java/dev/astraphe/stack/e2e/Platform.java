package dev.astraphe.stack.e2e;

import dev.astraphe.stack.TestKeys;
import dev.astraphe.testsupport.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * PostgreSQL (migrated), Redis and the storefront, queue-edge and seller console jars on free
 * ports, wired to each other the way the local stack wires them. Kafka points at a closed port:
 * nothing these tests do needs it yet.
 */
final class Platform implements AutoCloseable {

    static final String ADMIN_EMAIL = "admin@e2e.astraphe.dev";
    static final String ADMIN_PASSWORD = "admin-e2e-password-1";

    final String jdbcUrl;
    final String storefront;
    final String queue;
    final String console;
    private final List<AppProcess> apps = new ArrayList<>();

    private Platform(String jdbcUrl, String storefront, String queue, String console) {
        this.jdbcUrl = jdbcUrl;
        this.storefront = storefront;
        this.queue = queue;
        this.console = console;
    }

    static Platform start(Path logDir) {
        String jdbc = TestServices.newPostgresDatabase();
        Flyway.configure().dataSource(jdbc, "postgres", "").locations("classpath:db/migration").load().migrate();
        int redisPort = TestServices.redisPort();

        int storePort = TestServices.freePort();
        int queuePort = TestServices.freePort();
        int consolePort = TestServices.freePort();
        Platform platform = new Platform(jdbc, "http://localhost:" + storePort,
                "http://localhost:" + queuePort + "/queue", "http://localhost:" + consolePort + "/console");
        Map<String, String> env = Map.of(
                "DATABASE_URL", jdbc,
                "DATABASE_USER", "postgres",
                "DATABASE_PASSWORD", "",
                "REDIS_HOST", "127.0.0.1",
                "REDIS_PORT", Integer.toString(redisPort),
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + TestServices.freePort(),
                "ASTRAPHE_STOREFRONT_URL", platform.storefront,
                "ASTRAPHE_QUEUE_URL", platform.queue,
                "ASTRAPHE_CONSOLE_URL", platform.console);
        Path keys = logDir.toAbsolutePath().resolve("keys");
        List<String> signing = TestKeys.signingArguments(keys);
        List<String> verifying = TestKeys.verifyingArguments(keys);
        try {
            // all three boot at once; waiting one after the other would add their start times up
            platform.apps.add(AppProcess.start("web-storefront", storePort, TestServices.freePort(), env, verifying, logDir));
            platform.apps.add(AppProcess.start("queue-edge", queuePort, TestServices.freePort(), env, signing, logDir));
            platform.apps.add(AppProcess.start("seller-console", consolePort, TestServices.freePort(), env, List.of(
                    "--astraphe.bootstrap-admin.email=" + ADMIN_EMAIL,
                    "--astraphe.bootstrap-admin.password=" + ADMIN_PASSWORD), logDir));
            platform.apps.forEach(app -> app.awaitHealthy(Duration.ofMinutes(3)));
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    @Override
    public void close() {
        apps.forEach(AppProcess::close);
    }
}
