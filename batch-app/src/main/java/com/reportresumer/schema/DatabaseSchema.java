package com.reportresumer.schema;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.stereotype.Component;

/**
 * The database schema of {@code db/} (Flyway migrations), applied by the {@code migrate} command only — as the
 * schema's owner — and checked by every other command, which runs as the unprivileged {@code resumer_app} role and
 * could not (and must not) change the schema. A database behind or ahead of this release is one clear line, before
 * anything else happens.
 */
@Component
public class DatabaseSchema {

    static final String LOCATION = "classpath:db/migration";

    private final DataSource dataSource;

    DatabaseSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What {@code migrate} did: the version before and after, and how many migrations it applied. */
    public record Migrated(String from, String to, int applied) {
    }

    /** Applies the pending migrations. */
    public Migrated migrate() {
        return migrate(flyway(Flyway.configure().dataSource(dataSource)));
    }

    /** Applies the pending migrations to the database at {@code url} (the demo's own database). */
    public static Migrated migrate(String url, String user, String password) {
        return migrate(flyway(Flyway.configure().dataSource(url, user, password)));
    }

    private static Migrated migrate(Flyway flyway) {
        MigrateResult result = flyway.migrate();
        return new Migrated(result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                result.targetSchemaVersion == null ? String.valueOf(result.initialSchemaVersion)
                        : result.targetSchemaVersion, result.migrationsExecuted);
    }

    /**
     * Checks that the database has exactly the migrations of this release.
     *
     * @throws InvalidConfigurationException saying what to do when it has not
     */
    public void requireCurrent() {
        MigrationInfoService info = flyway(Flyway.configure().dataSource(dataSource)).info();
        MigrationInfo current = info.current();
        MigrationInfo[] pending = info.pending();
        String latest = Arrays.stream(info.all()).filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS)
                .reduce((a, b) -> b).map(m -> m.getVersion().getVersion()).orElse("?");
        if (current == null) {
            throw new InvalidConfigurationException("the database has no report-resumer schema yet: run `migrate` "
                    + "once as the schema's owner (see ops/RUNBOOK.md, Migrations)");
        }
        if (pending.length > 0) {
            throw new InvalidConfigurationException("the database schema is at version "
                    + current.getVersion().getVersion() + ", this release needs version " + latest + ": run "
                    + "`migrate` as the schema's owner first (see ops/RUNBOOK.md, Migrations)");
        }
        if (current.getState() == MigrationState.FUTURE_SUCCESS) {
            throw new InvalidConfigurationException("the database schema is at version "
                    + current.getVersion().getVersion() + ", newer than this release knows (" + latest
                    + "): upgrade report-resumer");
        }
    }

    private static Flyway flyway(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        return configuration.locations(LOCATION).load();
    }
}
