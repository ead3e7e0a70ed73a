package dev.astraphe.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL from zonky's embedded binaries on a persistent data directory. The directory must not
 * live under {@code ${java.io.tmpdir}/embedded-pg}: zonky's stale-directory sweep would delete it.
 */
final class PostgresComponent implements Component {

    private final EmbeddedPostgres postgres;

    private PostgresComponent(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static PostgresComponent start(Path dataDir, Path log, Database db) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(db.port())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(toLog)
                .setErrorRedirector(toLog)
                .start();
        PostgresComponent component = new PostgresComponent(postgres);
        try {
            component.ensureRoleAndDatabase(db);
        } catch (SQLException | RuntimeException e) {
            component.stop();
            throw e;
        }
        return component;
    }

    /**
     * After an unclean exit the postmaster keeps running and holds {@code postmaster.pid}. Stops it
     * (by the pid on the first line) and returns its pid, or empty when there was none.
     */
    static Optional<Long> stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(true));
        if (handle.isEmpty()) {
            return Optional.empty(); // stale file: postgres removes or ignores it on start
        }
        // SIGTERM is "smart" shutdown (waits for clients); force after the timeout
        ForkedProcess.stop(handle.get(), Duration.ofSeconds(15));
        return Optional.of(pid);
    }

    private void ensureRoleAndDatabase(Database db) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", db.user())) {
                try (Statement s = c.createStatement()) {
                    s.execute("create role \"" + db.user() + "\" login password '" + db.password().replace("'", "''") + "'");
                }
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", db.name())) {
                try (Statement s = c.createStatement()) {
                    s.execute("create database \"" + db.name() + "\" owner \"" + db.user() + "\"");
                }
            }
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public void stop() {
        try {
            postgres.close(); // cleanDataDirectory(false): keeps the data
        } catch (IOException e) {
            System.err.println("  PostgreSQL stop: " + e.getMessage());
        }
    }
}
