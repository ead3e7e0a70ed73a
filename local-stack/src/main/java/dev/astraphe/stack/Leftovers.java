package dev.astraphe.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records the launcher's child processes (Redis, Kafka, S3, apps) in {@code .local/stack.children}
 * so that, after an unclean exit (kill -9, crash), the next start can stop the orphans instead of
 * failing on taken ports. A pid is only stopped when its start time and executable still match the record.
 */
final class Leftovers {

    private final Path file;

    Leftovers(Path file) {
        this.file = file;
    }

    /** Rewrites the file with the current children of this JVM. */
    void record() {
        List<String> lines = new ArrayList<>();
        ProcessHandle.current().children().forEach(child -> lines.add(child.pid() + " " + identity(child)));
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            // best effort: only used for clean-up after a crash
        }
    }

    /** Stops recorded processes that are still alive; returns how many. */
    int stopOrphans() throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        List<ProcessHandle> orphans = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            long pid;
            try {
                pid = Long.parseLong(line.substring(0, space));
            } catch (NumberFormatException e) {
                continue;
            }
            String identity = line.substring(space + 1);
            Optional<ProcessHandle> handle = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> identity(h).equals(identity));
            handle.ifPresent(orphans::add);
        }
        orphans.parallelStream().forEach(h -> ForkedProcess.stop(h, Duration.ofSeconds(20)));
        Files.deleteIfExists(file);
        return orphans.size();
    }

    /** Start time + executable: a reused pid does not match. */
    static String identity(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.startInstant().map(Object::toString).orElse("?") + " " + info.command().orElse("?");
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
