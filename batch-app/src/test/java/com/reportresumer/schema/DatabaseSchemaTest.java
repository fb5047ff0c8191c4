package com.reportresumer.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.CliRun;
import com.reportresumer.testsupport.TestDatabases;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

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

    @Test
    void aDatabaseBehindThisReleaseIsOneLine() {
        TestDatabases.Database db = TestDatabases.empty();
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .target("4").load().migrate();

        CliRun run = CliRun.of(line("audit", db));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines().toList()).as(run.toString()).singleElement().asString()
                .contains("the database schema is at version 4, this release needs version")
                .contains("run `migrate` as the schema's owner");
    }
}
