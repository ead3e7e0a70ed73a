package dev.astraphe.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code LocalStack start [--wipe]} / {@code LocalStack stop}: the whole platform on one machine
 * without Docker. Run from the repo root (./astraphe does that). Ports: see {@link StackPorts}.
 */
public final class LocalStack {

    private final StackPaths paths;
    private final StackPorts ports;
    private final Database db;
    private final Stack stack = new Stack();
    private final Leftovers leftovers;

    LocalStack(StackPaths paths, StackPorts ports) {
        this.paths = paths;
        this.ports = ports;
        this.leftovers = new Leftovers(paths.local().resolve("stack.children"));
        this.db = Database.local(ports.get("postgres"));
    }

    public static void main(String[] args) {
        StackPaths paths = StackPaths.at(Path.of(System.getProperty("astraphe.repo", ".")));
        System.setProperty("astraphe.launcher.log", paths.log("launcher").toString());
        String command = args.length > 0 ? args[0] : "help";
        List<String> options = List.of(args).subList(Math.min(1, args.length), args.length);
        int code;
        try {
            StackPorts ports = StackPorts.fromEnvironment();
            LocalStack launcher = new LocalStack(paths, ports);
            code = switch (command) {
                case "start" -> launcher.start(options.contains("--wipe"));
                case "stop" -> launcher.stop();
                default -> {
                    System.out.println("usage: LocalStack start [--wipe] | stop");
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println("astraphe: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    int start(boolean wipe) {
        Optional<Long> running = runningLauncher();
        if (running.isPresent()) {
            System.err.println("astraphe: already running, pid " + running.get() + "; ./astraphe stop");
            return 1;
        }
        try {
            int orphans = leftovers.stopOrphans();
            if (orphans > 0) {
                System.out.println("stopped " + orphans + " leftover process(es) of a previous run that did not exit cleanly");
            }
            PostgresComponent.stopOrphan(paths.postgres())
                    .ifPresent(pid -> System.out.println("stopped an orphan PostgreSQL (pid " + pid + ") left by an unclean exit"));
            if (wipe && Files.exists(paths.local())) {
                System.out.println("--wipe: deleting " + paths.local());
                deleteRecursively(paths.local());
            }
            for (Path dir : List.of(paths.postgres(), paths.redis(), paths.kafka(), paths.s3(), paths.logs(), paths.keys())) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            System.err.println("astraphe: " + e);
            return 1;
        }

        List<StackPorts.Port> taken = PortCheck.system().taken(ports);
        if (!taken.isEmpty()) {
            System.err.println(PortCheck.message(taken));
            return 1;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown();
            stopped.countDown();
        }, "astraphe-stop"));

        long t0 = System.nanoTime();
        try {
            Files.writeString(paths.pidFile(), ProcessHandle.current().pid() + "\n");
            startAll();
        } catch (Exception e) {
            if (!stack.stopping()) {
                System.out.println();
                System.err.println("astraphe: start failed: " + e.getMessage());
                if (!(e instanceof StartFailure)) {
                    e.printStackTrace(System.err);
                }
            }
            return 1; // System.exit runs the hook, which stops what did start
        }
        System.out.println(Banner.render(paths, ports, db, Waits.seconds(t0)));
        try {
            stopped.await(); // until Ctrl-C / SIGTERM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void startAll() throws Exception {
        long t = begin("PostgreSQL");
        stack.add(PostgresComponent.start(paths.postgres(), RunMarker.mark(paths.log("postgres")), db));
        ready(t);

        t = begin("Redis");
        stack.add(RedisComponent.start(paths.redis(), RunMarker.mark(paths.log("redis")), ports.get("redis")));
        leftovers.record();
        ready(t);

        t = begin("Kafka");
        ForkedProcess kafka = KafkaComponent.start(paths.kafka(), RunMarker.mark(paths.log("kafka")), ports.get("kafka"), ports.get("kafka-controller"));
        stack.add(kafka);
        leftovers.record();
        awaitPort(kafka, ports.get("kafka"), Duration.ofSeconds(60));
        ready(t);

        t = begin("S3 (s3mock)");
        ForkedProcess s3 = S3Component.start(paths.repo().resolve("local-stack/target/stack-lib/s3mock-exec.jar"),
                paths.s3(), RunMarker.mark(paths.log("s3")), ports.get("s3"), ports.get("s3-https"));
        stack.add(s3);
        leftovers.record();
        awaitPort(s3, ports.get("s3"), Duration.ofSeconds(90));
        ready(t);

        t = begin("migrations");
        Migrations.Outcome outcome = Migrations.migrate(db);
        System.out.println(outcome.applied() + " applied, schema version " + outcome.version() + " (" + Waits.seconds(t) + ")");

        KeyMaterial.KeyFiles keys = KeyMaterial.ensure(paths.keys());

        Apps apps = new Apps(paths, ports, db, keys);
        System.out.println("starting apps (queue-edge, web-storefront, seller-console, order-worker) …");
        t = System.nanoTime();
        Map<AppSpec, ForkedProcess> started = new LinkedHashMap<>();
        try {
            started.putAll(apps.startAll());
        } finally {
            // register whatever was forked, even if a later fork failed
            stack.add(new AppGroup(new ArrayList<>(started.values())));
            leftovers.record();
        }
        awaitHealthy(apps, started, t, Duration.ofSeconds(180));
    }

    private void awaitHealthy(Apps apps, Map<AppSpec, ForkedProcess> started, long t0, Duration timeout) {
        Map<AppSpec, ForkedProcess> pending = new LinkedHashMap<>(started);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            checkNotStopping();
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                ForkedProcess process = entry.getValue();
                if (apps.healthy(entry.getKey())) {
                    System.out.println("  " + process.name() + " ready in " + Waits.seconds(t0));
                    it.remove();
                } else if (!process.alive()) {
                    throw failure(process, "died (" + process.exitDescription() + ")");
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                throw failure(pending.values().iterator().next(), "not healthy after " + timeout.toSeconds() + " s");
            }
            if (!pending.isEmpty()) {
                Waits.sleep(Duration.ofMillis(500));
            }
        }
    }

    private void awaitPort(ForkedProcess process, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!PortCheck.accepts(port)) {
            checkNotStopping();
            if (!process.alive()) {
                throw failure(process, "died (" + process.exitDescription() + ")");
            }
            if (System.nanoTime() > deadline) {
                throw failure(process, "port " + port + " not open after " + timeout.toSeconds() + " s");
            }
            Waits.sleep(Duration.ofMillis(250));
        }
    }

    private void checkNotStopping() {
        if (stack.stopping()) {
            throw new StartFailure("interrupted");
        }
    }

    private static StartFailure failure(ForkedProcess process, String what) {
        return new StartFailure(process.name() + " " + what + "; last 30 lines of " + process.log() + ":\n"
                + Tail.of(process.log(), 30));
    }

    private static long begin(String name) {
        System.out.print("starting " + name + " … ");
        System.out.flush();
        return System.nanoTime();
    }

    private static void ready(long t0) {
        System.out.println("ready in " + Waits.seconds(t0));
    }

    /** Runs in the shutdown hook: apps first, then S3, Kafka, Redis, PostgreSQL; then check the ports. */
    private void shutdown() {
        stack.stopAll();
        leftovers.delete();
        boolean free = Waits.until(Duration.ofSeconds(10), Duration.ofMillis(200),
                () -> PortCheck.system().taken(ports).isEmpty());
        if (!free) {
            System.err.println("still listening after stop: " + PortCheck.system().taken(ports).stream()
                    .map(p -> p.number() + " (" + p.component() + ")").toList());
        }
        try {
            Optional<Long> pid = readPid();
            if (pid.isPresent() && pid.get() == ProcessHandle.current().pid()) {
                Files.deleteIfExists(paths.pidFile());
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    int stop() {
        Optional<Long> pid = runningLauncher();
        if (pid.isEmpty()) {
            List<StackPorts.Port> taken = PortCheck.system().taken(ports);
            System.out.println("astraphe is not running" + (taken.isEmpty() ? "" : "; but these ports of it are in use:\n"
                    + PortCheck.stillInUse(taken)));
            return taken.isEmpty() ? 0 : 1;
        }
        long t0 = System.nanoTime();
        System.out.print("stopping astraphe (pid " + pid.get() + ") … ");
        System.out.flush();
        ProcessHandle handle = ProcessHandle.of(pid.get()).orElseThrow();
        handle.destroy(); // SIGTERM: its shutdown hook stops everything in order
        boolean exited = Waits.until(Duration.ofSeconds(150), Duration.ofMillis(250), () -> !handle.isAlive());
        if (!exited) {
            System.out.println("still running after 150 s; kill it with: kill -9 " + pid.get());
            return 1;
        }
        boolean free = Waits.until(Duration.ofSeconds(30), Duration.ofMillis(250),
                () -> PortCheck.system().taken(ports).isEmpty());
        if (!free) {
            System.out.println("launcher exited, but ports are still in use:\n" + PortCheck.stillInUse(PortCheck.system().taken(ports)));
            return 1;
        }
        System.out.println("stopped in " + Waits.seconds(t0) + "; no port left in use");
        return 0;
    }

    private Optional<Long> readPid() throws IOException {
        if (!Files.isRegularFile(paths.pidFile())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(paths.pidFile()).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The pid in .local/stack.pid if that process is alive and still a Java launcher. */
    private Optional<Long> runningLauncher() {
        try {
            return readPid().filter(pid -> ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(true))
                    .isPresent());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A start failure whose message is already user-facing. */
    static final class StartFailure extends RuntimeException {
        StartFailure(String message) {
            super(message);
        }
    }
}
