package dev.astraphe.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The "everything is up" box. */
final class Banner {

    private Banner() {
    }

    static String render(StackPaths paths, StackPorts ports, Database db, String elapsed) {
        List<String> lines = new ArrayList<>();
        lines.add("Astraphe is running (ready in " + elapsed + ")");
        lines.add("");
        lines.add("storefront      http://localhost:" + ports.get("storefront") + "/");
        lines.add("waiting room    http://localhost:" + ports.get("queue") + "/queue/");
        lines.add("seller console  http://localhost:" + ports.get("console") + "/console/");
        lines.add("admin           http://localhost:" + ports.get("console") + "/console/admin");
        lines.add("S3 (s3mock)     http://127.0.0.1:" + ports.get("s3") + "  bucket " + S3Component.BUCKET);
        lines.add("PostgreSQL      " + db.jdbcUrl() + "  (" + db.user() + "/" + db.password() + ")");
        lines.add("Redis           127.0.0.1:" + ports.get("redis"));
        lines.add("Kafka           127.0.0.1:" + ports.get("kafka"));
        lines.add("");
        lines.add("data            " + paths.local());
        lines.add("logs            " + paths.logs());
        lines.add("");
        lines.add("demo logins:");
        demoLogins().forEach(line -> lines.add("  " + line));
        lines.add("");
        lines.add("Ctrl-C stops everything (or ./astraphe stop from another terminal)");
        return box(lines);
    }

    static List<String> demoLogins() {
        try (InputStream in = Banner.class.getResourceAsStream("/demo-logins.txt")) {
            if (in == null) {
                return List.of("(demo-logins.txt missing)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            return List.of("(cannot read demo-logins.txt: " + e.getMessage() + ")");
        }
    }

    static String box(List<String> lines) {
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        sb.append('┌').append("─".repeat(width + 2)).append("┐\n");
        for (String line : lines) {
            sb.append("│ ").append(line).append(" ".repeat(width - line.length())).append(" │\n");
        }
        sb.append('└').append("─".repeat(width + 2)).append('┘');
        return sb.toString();
    }
}
