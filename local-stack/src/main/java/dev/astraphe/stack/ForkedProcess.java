package dev.astraphe.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM (Kafka, s3mock, an app) with its output in a log file. It runs in its own session
 * (via {@code setsid} when present) so that Ctrl-C reaches only the launcher, which then stops
 * the children in order.
 */
final class ForkedProcess implements Component {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path log;
    private final Duration stopTimeout;

    private ForkedProcess(String name, Process process, Path log, Duration stopTimeout) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopTimeout = stopTimeout;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static ForkedProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
            Path log, Duration stopTimeout) throws IOException {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        return new ForkedProcess(name, builder.start(), log, stopTimeout);
    }

    /** Runs a short-lived command to completion and returns its exit code. */
    static int run(List<String> command, Path workDir, Path log, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    String exitDescription() {
        return process.isAlive() ? "still running" : "exit code " + process.exitValue();
    }

    @Override
    public void stop() {
        stop(process.toHandle(), stopTimeout);
    }

    /** SIGTERM, wait, then SIGKILL for the process and everything it started. */
    static void stop(ProcessHandle handle, Duration timeout) {
        List<ProcessHandle> family = new ArrayList<>(handle.descendants().toList());
        family.add(handle);
        family.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle member : family) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                member.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // timed out or interrupted: force below
            }
        }
        for (ProcessHandle member : family) {
            if (member.isAlive()) {
                member.descendants().forEach(ProcessHandle::destroyForcibly);
                member.destroyForcibly();
                member.onExit().join();
            }
        }
    }
}
