package dev.astraphe.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** s3mock's exec jar in its own JVM, keeping its files in {@code .local/s3}. */
final class S3Component {

    static final String BUCKET = "astraphe-images";
    /** s3mock checks no signature, but the apps' SDK signs every request and needs a key to sign with: not a secret. */
    static final String ACCESS_KEY = "astraphe-local";
    static final String SECRET_KEY = "astraphe-local";

    private S3Component() {
    }

    static ForkedProcess start(Path jar, Path dir, Path log, int httpPort, int httpsPort) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing; build first (./astraphe build)");
        }
        Files.createDirectories(dir);
        List<String> command = List.of(ForkedProcess.java(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toAbsolutePath().toString(),
                "--http.port=" + httpPort,
                "--server.port=" + httpsPort,
                "--com.adobe.testing.s3mock.store.root=" + dir.toAbsolutePath(),
                "--com.adobe.testing.s3mock.store.retain-files-on-exit=true",
                "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET);
        return ForkedProcess.start("S3", command, Map.of(), dir, log, Duration.ofSeconds(20));
    }
}
