package dev.astraphe.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Starts the app JVMs in parallel and waits until every one reports healthy. */
final class Apps {

    static final String ADMIN_EMAIL = "admin@astraphe.local";
    static final String ADMIN_PASSWORD = "astraphe-admin-1";

    private final StackPaths paths;
    private final StackPorts ports;
    private final Database db;
    private final KeyMaterial.KeyFiles keys;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Apps(StackPaths paths, StackPorts ports, Database db, KeyMaterial.KeyFiles keys) {
        this.paths = paths;
        this.ports = ports;
        this.db = db;
        this.keys = keys;
    }

    List<AppSpec> specs() {
        // queue-edge signs admissions and tickets; the storefront only verifies admissions, so it is given the public
        // key alone: whoever takes it over cannot mint admissions (or tickets)
        List<String> signing = List.of(
                "--astraphe.admission.key-file=" + keys.admissionKey(),
                "--astraphe.ticket.secret-file=" + keys.ticketSecret());
        List<String> verifying = List.of(
                "--astraphe.admission.public-jwks-file=" + keys.admissionPublicKeys());
        List<String> console = List.of(
                "--astraphe.demo.enabled=true",
                "--astraphe.bootstrap-admin.email=" + ADMIN_EMAIL,
                "--astraphe.bootstrap-admin.password=" + ADMIN_PASSWORD);
        return List.of(
                new AppSpec("queue-edge", "queue", "queue-mgmt", signing),
                new AppSpec("web-storefront", "storefront", "storefront-mgmt", verifying),
                new AppSpec("seller-console", "console", "console-mgmt", console),
                new AppSpec("order-worker", null, "worker-mgmt", List.of()));
    }

    Map<String, String> environment(AppSpec app) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", db.jdbcUrl());
        env.put("DATABASE_USER", db.user());
        env.put("DATABASE_PASSWORD", db.password());
        env.put("REDIS_HOST", "127.0.0.1");
        env.put("REDIS_PORT", String.valueOf(ports.get("redis")));
        // also as Boot's own names: order-worker's application.yaml does not map REDIS_* (yet), yet has Redis on its classpath
        env.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
        env.put("SPRING_DATA_REDIS_PORT", String.valueOf(ports.get("redis")));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ports.get("kafka"));
        env.put("ASTRAPHE_STOREFRONT_URL", "http://localhost:" + ports.get("storefront"));
        env.put("ASTRAPHE_QUEUE_URL", "http://localhost:" + ports.get("queue") + "/queue");
        env.put("ASTRAPHE_CONSOLE_URL", "http://localhost:" + ports.get("console") + "/console");
        // the image store: the console uploads the demo products' pictures, the storefront serves them
        env.put("ASTRAPHE_IMAGES_ENDPOINT", "http://127.0.0.1:" + ports.get("s3"));
        env.put("ASTRAPHE_IMAGES_BUCKET", S3Component.BUCKET);
        env.put("ASTRAPHE_IMAGES_PATH_STYLE", "true");
        env.put("ASTRAPHE_IMAGES_ACCESS_KEY", S3Component.ACCESS_KEY);
        env.put("ASTRAPHE_IMAGES_SECRET_KEY", S3Component.SECRET_KEY);
        env.put("MANAGEMENT_PORT", String.valueOf(ports.get(app.managementPortKey())));
        if (app.hasPublicPort()) {
            env.put("PORT", String.valueOf(ports.get(app.portKey())));
        }
        return env;
    }

    /** Forks every app (returned in start order, so they can be registered for stopping right away). */
    Map<AppSpec, ForkedProcess> startAll() throws IOException {
        Map<AppSpec, ForkedProcess> started = new LinkedHashMap<>();
        for (AppSpec app : specs()) {
            Path jar = paths.repo().resolve(app.module()).resolve("target").resolve(app.module() + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IOException(jar + " is missing; build first (./astraphe build)");
            }
            List<String> command = new ArrayList<>();
            command.add(ForkedProcess.java());
            command.addAll(AppSpec.JVM_OPTIONS);
            command.add("-jar");
            command.add(jar.toString());
            command.addAll(app.args());
            started.put(app, ForkedProcess.start(app.module(), command, environment(app), paths.repo(),
                    RunMarker.mark(paths.log(app.module())), Duration.ofSeconds(20)));
        }
        return started;
    }

    /** Health of one app: true on HTTP 200 from its actuator. */
    boolean healthy(AppSpec app) {
        URI uri = URI.create("http://127.0.0.1:" + ports.get(app.managementPortKey()) + "/actuator/health");
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
