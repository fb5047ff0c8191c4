package com.reportresumer.schema;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.function.SingletonSupplier;
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
    /** A versioned migration's file name, as Flyway reads it: {@code V<version>__<description>.sql}. */
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
    /** Every applied versioned migration (repeatable ones have no version), its type and whether it succeeded. */
    private static final String APPLIED = "SELECT version, type, success FROM flyway_schema_history "
            + "WHERE version IS NOT NULL";
    /** PostgreSQL's "undefined_table": no history, so no schema of ours. */
    private static final String UNDEFINED_TABLE = "42P01";
    /** Versions in Flyway's order: part by part, numerically (9 before 10, 1.2 before 1.10). */
    static final Comparator<String> VERSIONS = (a, b) -> {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = new BigInteger(i < x.length ? x[i] : "0").compareTo(new BigInteger(i < y.length ? y[i] : "0"));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };
    /** This release's versions, listed once per process. */
    private static final Supplier<List<String>> RELEASE = SingletonSupplier.of(DatabaseSchema::releaseVersions);

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
     * Checks that the database has exactly the migrations of this release, with one query of Flyway's history
     * table (no Flyway: what it would load and scan to say the same takes longer than the commands that only read).
     *
     * @throws InvalidConfigurationException saying what to do when it has not
     */
    public void requireCurrent() {
        List<String> known = RELEASE.get();
        String latest = known.isEmpty() ? "?" : known.get(known.size() - 1);
        List<Map<String, Object>> history;
        try {
            history = new JdbcTemplate(dataSource).queryForList(APPLIED);
        }
        catch (BadSqlGrammarException noHistory) {
            if (!UNDEFINED_TABLE.equals(noHistory.getSQLException().getSQLState())) {
                throw noHistory;
            }
            history = List.of();
        }
        if (history.isEmpty()) {
            throw new InvalidConfigurationException("the database has no report-resumer schema yet: run `migrate` "
                    + "once as the schema's owner (see ops/RUNBOOK.md, Upgrades and migrations)");
        }
        TreeSet<String> applied = new TreeSet<>(VERSIONS);
        for (Map<String, Object> row : history) {
            if (!Boolean.TRUE.equals(row.get("success"))) {
                throw new InvalidConfigurationException("the migration to version " + row.get("version")
                        + " failed: repair it and run `migrate` as the schema's owner (see ops/RUNBOOK.md, "
                        + "Migrations)");
            }
            String version = (String) row.get("version");
            applied.add(version);
            if ("BASELINE".equals(row.get("type"))) {
                // Flyway skips the migrations up to a baseline: they count as there
                known.stream().filter(v -> VERSIONS.compare(v, version) <= 0).forEach(applied::add);
            }
        }
        String current = applied.last();
        if (VERSIONS.compare(current, latest) > 0) {
            throw new InvalidConfigurationException("the database schema is at version " + current
                    + ", newer than this release knows (" + latest + "): upgrade report-resumer");
        }
        if (!applied.containsAll(known)) {
            throw new InvalidConfigurationException("the database schema is at version " + current
                    + ", this release needs version " + latest + ": run `migrate` as the schema's owner first (see "
                    + "ops/RUNBOOK.md, Upgrades and migrations)");
        }
    }

    /** The versions of this release's migrations, lowest first, as Flyway writes them ({@code V1_2__x.sql}: 1.2). */
    static List<String> releaseVersions() {
        try {
            Set<String> versions = new TreeSet<>(VERSIONS);
            for (Resource migration : new PathMatchingResourcePatternResolver(DatabaseSchema.class.getClassLoader())
                    .getResources(LOCATION + "/V*__*.sql")) {
                Matcher name = MIGRATION.matcher(String.valueOf(migration.getFilename()));
                if (name.matches()) {
                    versions.add(name.group(1).replace('_', '.'));
                }
            }
            return List.copyOf(versions);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations of this release: " + e.getMessage(), e);
        }
    }

    private static Flyway flyway(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        return configuration.locations(LOCATION).load();
    }
}
