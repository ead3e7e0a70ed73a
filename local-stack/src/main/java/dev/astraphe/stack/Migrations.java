package dev.astraphe.stack;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The one place the schema is migrated: before any app starts (the apps only validate). */
final class Migrations {

    private Migrations() {
    }

    record Outcome(int applied, String version) {
    }

    static Outcome migrate(Database db) {
        MigrateResult result = Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return new Outcome(result.migrationsExecuted, version == null ? "none" : version);
    }
}
