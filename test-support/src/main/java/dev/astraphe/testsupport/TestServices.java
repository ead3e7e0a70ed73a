package dev.astraphe.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL, Redis, Kafka and S3 (s3mock) for tests, started lazily once per test JVM on free ports and
 * stopped when the JVM exits. Everything comes from Maven Central: no Docker, no system packages.
 */
public final class TestServices {

    static final int FIRST_PORT = 20_000;
    static final int LAST_PORT = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;
    private static EmbeddedKafkaKraftBroker kafka;
    private static Process s3;
    private static int s3Port;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private TestServices() {
    }

    /** A new, empty database on the shared server; returns its JDBC URL. */
    public static synchronized String newPostgresDatabase() {
        EmbeddedPostgres pg = postgres();
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                // stopped by this class after the test contexts have closed (see atExit), not by a hook of its own
                postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).setRegisterShutdownHook(false).start();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
            atExit(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            });
        }
        return postgres;
    }

    public static synchronized int redisPort() {
        if (redis == null) {
            redisPort = freePort();
            try {
                redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no")
                        .setting("notify-keyspace-events Egx")
                        // read Redis's output: left unread, a full pipe would block Redis on its next log line
                        .soutListener(line -> { }).serrListener(line -> System.err.println("redis: " + line)).build();
                redis.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Redis did not start", e);
            }
            awaitPort(redisPort, Duration.ofSeconds(20));
            atExit(() -> {
                try {
                    redis.stop();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            });
        }
        return redisPort;
    }

    /** Empties Redis: a wiped Redis, as after a crash without persistence. */
    public static synchronized void wipeRedis() {
        redisCommand("FLUSHALL");
    }

    /**
     * Runs one command on the test Redis over a plain socket (for tests that put Redis into a state the apps reach
     * only by a race, without a client of their own) and returns the first line of the reply (":1", "+OK"); an error
     * reply throws.
     */
    public static String redisCommand(String... command) {
        StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
        for (String part : command) {
            request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        try (Socket socket = new Socket("127.0.0.1", redisPort())) {
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (reply == null || reply.startsWith("-")) {
                throw new IllegalStateException(String.join(" ", command) + " answered " + reply);
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = new EmbeddedKafkaKraftBroker(1, 2);
            kafka.afterPropertiesSet();
            atExit(kafka::destroy);
        }
        return kafka.getBrokersAsString();
    }

    /** A new, empty bucket on the shared S3 store; returns its name. */
    public static synchronized String newS3Bucket() {
        String name = "test-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
        // s3mock checks no signature, so a plain request will do: the tests need no AWS SDK of their own
        HttpRequest create = HttpRequest.newBuilder(URI.create(s3Endpoint() + "/" + name))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(create, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("creating bucket " + name + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create bucket " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating bucket " + name, e);
        }
        return name;
    }

    /**
     * The S3 store's plain-HTTP endpoint: s3mock's exec jar in a JVM of its own, as the local stack runs it, so that
     * its Spring Boot app stays off the classpath of the app under test. Its files live in a temporary directory that
     * is deleted at exit (s3mock's own clean-up never runs, its store beans being lazy).
     */
    public static synchronized String s3Endpoint() {
        if (s3 == null) {
            Path jar = s3mockJar();
            s3Port = freePort();
            try {
                Path dir = Files.createTempDirectory("astraphe-s3mock");
                Path log = dir.resolve("s3mock.log");
                List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
                        "--http.port=" + s3Port,
                        // s3mock always opens an HTTPS port as well
                        "--server.port=" + freePort(),
                        "--com.adobe.testing.s3mock.store.root=" + dir.resolve("store"));
                Process started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                atExit(() -> {
                    stop(started);
                    deleteTree(dir);
                });
                awaitPort(s3Port, Duration.ofSeconds(90), started, log);
                s3 = started;
            } catch (IOException e) {
                throw new UncheckedIOException("s3mock did not start", e);
            }
        }
        return "http://127.0.0.1:" + s3Port;
    }

    private static Path s3mockJar() {
        Properties where = new Properties();
        // filtered as UTF-8 by the build: read as such, or a clone under a non-ASCII folder finds no jar
        try (InputStream in = TestServices.class.getResourceAsStream("s3mock.properties")) {
            where.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("test-support was built without s3mock.properties", e);
        }
        Path jar = Path.of(where.getProperty("jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build this clone's test-support with the module under "
                    + "test (./mvnw verify -pl <module> -am)");
        }
        return jar;
    }

    private static void awaitPort(int port, Duration timeout, Process process, Path log) {
        try {
            awaitPort(port, timeout);
        } catch (IllegalStateException e) {
            String exited = process.isAlive() ? "" : ", s3mock exited";
            stop(process);
            throw new IllegalStateException(e.getMessage() + exited + "; its log:\n" + tail(log), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // the JVM is going away; a leftover temporary directory is harmless
        }
    }

    /**
     * Runs {@code action} when the JVM exits, after Spring Boot has closed every application context (its shutdown
     * hook runs these handlers last). A separate JVM hook runs beside the contexts' closing: the database went away
     * while a test context's beans still used it, and closing waited 30 s for a connection (Spring Modulith's event
     * registry looks for incomplete publications on close), past surefire's wait for the fork to exit.
     *
     * <p>Spring Boot's hook exists only where an application has run in this JVM (with its shutdown hook on, the
     * default; one run with it off leaves the stops to nobody, as before). Where none has run (the local stack's
     * end-to-end tests start the apps as processes of their own), no context can be closing, and a JVM hook of this
     * class runs {@code action} instead: before it, each such run left its PostgreSQL server running after the tests.
     */
    private static void atExit(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
        SpringApplication.getShutdownHandlers().add(once);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!SpringApplicationSeen.started()) {
                once.run();
            }
        }, "test-services-stop"));
    }

    /**
     * A port nothing listens on, for a server a test starts later: drawn from {@value #FIRST_PORT}–{@value #LAST_PORT},
     * below the range the kernel takes local ports of outgoing connections from (Linux 32768–60999, macOS and Windows
     * from 49152), and never the same twice in this JVM. A port the kernel picked ({@code new ServerSocket(0)}) came
     * from that range: the end-to-end tests start three apps half a minute after choosing their ports, and meanwhile
     * their connections to PostgreSQL, Redis and Kafka take local ports from the same range; in one fresh-clone run the
     * seller console then found its port "already in use".
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_PORT, LAST_PORT + 1);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("0.0.0.0", port), 1);
                return port;
            } catch (IOException inUse) {
                // another process has it: draw again
            }
        }
        throw new IllegalStateException("no free port in " + FIRST_PORT + "-" + LAST_PORT + " after 1,000 draws");
    }

    public static void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("nothing listening on 127.0.0.1:" + port + " after " + timeout);
    }
}
