package dev.astraphe.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The Chromium that browser tests drive through Playwright: Debian's, never a download (machines without general
 * network access cannot fetch one). {@code CHROMIUM} names it, else {@code chromium} or {@code chromium-browser} on
 * the path. Without one a browser test is skipped, unless {@code ASTRAPHE_BROWSER_TESTS=required} ({@code .ci/run}
 * installs Chromium and sets it), when it fails.
 */
public final class Chromium implements AutoCloseable {

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts the browser (headless); without a Chromium the calling test is skipped, or fails where required. */
    public static Chromium launch() {
        Path executable = requiredOrSkip();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(executable)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")));
        return new Chromium(playwright, browser);
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        playwright.close();
    }

    static Optional<Path> find() {
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

    private static Path requiredOrSkip() {
        Optional<Path> chromium = find();
        Assumptions.assumeTrue(chromium.isPresent() || "required".equals(System.getenv("ASTRAPHE_BROWSER_TESTS")),
                "no Chromium found (set CHROMIUM or install chromium): browser test skipped");
        return chromium.orElseThrow(() -> new IllegalStateException(
                "ASTRAPHE_BROWSER_TESTS=required, but no Chromium: set CHROMIUM or install chromium"));
    }
}
