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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Chromium that browser tests drive through Playwright, as a JUnit extension: register it in a static field
 * ({@code @RegisterExtension static final Chromium chromium = new Chromium();}) and use {@link #browser()}. It is
 * Debian's Chromium, never a download (machines without general network access cannot fetch one): {@code CHROMIUM}
 * names it, else {@code chromium} or {@code chromium-browser} on the path. Without one the test class is skipped,
 * unless {@code ASTRAPHE_BROWSER_TESTS=required} ({@code .ci/run} installs Chromium and sets it), when it fails.
 */
public final class Chromium implements BeforeAllCallback, AfterAllCallback {

    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        Path executable = requiredOrSkip();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(executable)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (playwright != null) {
            playwright.close();
        }
    }

    public Browser browser() {
        return browser;
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
