package com.reportresumer.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only {@code migrate} changes the schema; every other command checks it first and says, in one line, what to do
 * when the database is behind.
 */
class DatabaseSchemaTest {

    private static List<String> line(String command, TestDatabases.Database db) {
        return CliRun.line(command, List.of(db.springArgs()));
    }

    @Test
    void anEmptyDatabaseIsMigratedOnlyByMigrate() {
        TestDatabases.Database db = TestDatabases.empty();

        CliRun before = CliRun.of(line("runs", db));
        assertThat(before.exitCode()).as(before.toString()).isEqualTo(2);
        assertThat(before.err().lines().toList()).as(before.toString()).singleElement().asString()
                .contains("no report-resumer schema yet").contains("run `migrate`");

        CliRun migrate = CliRun.of(line("migrate", db));
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).startsWith("Schema migrated from version none to ");
        CliRun again = CliRun.of(line("migrate", db));
        assertThat(again.out()).contains("nothing to migrate");

        CliRun after = CliRun.of(line("runs", db));
        assertThat(after.exitCode()).as(after.toString()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "audit", "runs", "pending", "run" })
    void aDatabaseBehindThisReleaseIsOneLine(String command) {
        TestDatabases.Database db = TestDatabases.empty();
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .target("4").load().migrate();

        CliRun run = CliRun.of(line(command, db));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines().toList()).as(run.toString()).singleElement().asString()
                .contains("the database schema is at version 4, this release needs version "
                        + latest(DatabaseSchema.releaseVersions()))
                .contains("run `migrate` as the schema's owner");
    }

    @Test
    void aDatabaseAheadOfThisReleaseIsOneLine() throws Exception {
        String refused = refusalAfter("INSERT INTO flyway_schema_history (installed_rank, version, description, "
                + "type, script, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '999', "
                + "'later', 'SQL', 'V999__later.sql', current_user, 1, true FROM flyway_schema_history", "runs");

        assertThat(refused).contains("the database schema is at version 999, newer than this release knows")
                .contains("upgrade report-resumer");
    }

    @Test
    void aFailedMigrationIsOneLine() throws Exception {
        String refused = refusalAfter("UPDATE flyway_schema_history SET success = false WHERE installed_rank = "
                + "(SELECT max(installed_rank) FROM flyway_schema_history)", "audit");

        assertThat(refused).contains("the migration to version " + latest(DatabaseSchema.releaseVersions())
                + " failed").contains("run `migrate`");
    }

    /** {@code command}'s one line on a current database that {@code change} has made wrong; it must exit 2. */
    private static String refusalAfter(String change, String command) throws Exception {
        TestDatabases.Database db = TestDatabases.fresh();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(change);
        }
        CliRun run = CliRun.of(line(command, db));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines().toList()).as(run.toString()).hasSize(1);
        return run.err().strip();
    }

    /** The one query that checks the schema knows this release's migrations as Flyway does. */
    @Test
    void theReleaseHasTheMigrationsFlywayFinds() {
        TestDatabases.Database db = TestDatabases.empty();
        List<String> flyway = Arrays.stream(Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("classpath:db/migration").load().info().pending())
                .map(m -> m.getVersion().getVersion()).toList();

        assertThat(DatabaseSchema.releaseVersions()).isNotEmpty().isEqualTo(flyway);
    }

    @Test
    void versionsCompareAsFlywayOrdersThem() {
        assertThat(DatabaseSchema.VERSIONS.compare("9", "10")).isNegative();
        assertThat(DatabaseSchema.VERSIONS.compare("1.10", "1.2")).isPositive();
        assertThat(DatabaseSchema.VERSIONS.compare("2", "2.0")).isZero();
    }

    private static String latest(List<String> versions) {
        return versions.get(versions.size() - 1);
    }
}
