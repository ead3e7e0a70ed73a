package dev.astraphe.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The Chromium that browser tests drive through Playwright (Debian's, never a download: machines without general
 * network access cannot fetch one). {@code CHROMIUM} names it, else {@code chromium} or {@code chromium-browser} on
 * the path. Without one a browser test is skipped, unless {@code ASTRAPHE_BROWSER_TESTS=required} ({@code .ci/run}
 * installs Chromium and sets it), when it fails.
 */
public final class Chromium {

    private Chromium() {
    }

    public static Optional<Path> find() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The Chromium to drive; without one the calling test is skipped, or fails where browser tests are required. */
    public static Path requiredOrSkip() {
        Optional<Path> chromium = find();
        Assumptions.assumeTrue(chromium.isPresent() || "required".equals(System.getenv("ASTRAPHE_BROWSER_TESTS")),
                "no Chromium found (set CHROMIUM or install chromium): browser test skipped");
        return chromium.orElseThrow(() -> new IllegalStateException(
                "ASTRAPHE_BROWSER_TESTS=required, but no Chromium: set CHROMIUM or install chromium"));
    }
}
