package dev.astraphe.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Logs are appended across runs; a marker line shows where each run begins. */
final class RunMarker {

    private RunMarker() {
    }

    static Path mark(Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "\n===== astraphe start " + Instant.now() + " =====\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return log;
    }
}
