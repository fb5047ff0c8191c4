package com.reportresumer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo's embedded PostgreSQL accepts no connection without its password. */
class DemoDatabaseTest {

    private final Path directory = Path.of("target", "demo-database-test");

    @AfterEach
    void removeDirectory() throws IOException {
        delete(directory);
    }

    @Test
    void aConnectionWithoutThePasswordOrWithAWrongOneIsRefused() throws Exception {
        try (DemoDatabase database = DemoDatabase.start(directory, true)) {
            assertThatThrownBy(() -> connect(database.jdbcUrl(), database.user(), null).close())
                    .as("no password").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(database.jdbcUrl(), database.user(), "postgres").close())
                    .as("wrong password").isInstanceOf(SQLException.class);
            try (Connection c = connect(database.jdbcUrl(), database.user(), database.password())) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThat(database.password()).hasSizeGreaterThanOrEqualTo(24).isNotEqualTo("postgres");
            assertNoTrust();
            Path file = directory.resolve(DemoDatabase.PASSWORD_FILE);
            assertThat(database.passwordFile()).isEqualTo(file);
            assertThat(Files.readString(file).strip()).isEqualTo(database.password());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        }
    }

    @Test
    void aSecondStartKeepsTheDataAndThePassword() throws Exception {
        String first;
        try (DemoDatabase database = DemoDatabase.start(directory, true)) {
            first = database.password();
            try (Connection c = connect(database.jdbcUrl(), database.user(), first)) {
                c.createStatement().execute("CREATE TABLE kept (id int)");
            }
        }
        List<String> notices = new ArrayList<>();
        try (DemoDatabase database = DemoDatabase.start(directory, false, notices::add)) {
            assertThat(database.password()).isEqualTo(first);
            assertThat(notices).isEmpty();
            try (Connection c = connect(database.jdbcUrl(), database.user(), first)) {
                c.createStatement().execute("SELECT * FROM kept");
            }
            assertThatThrownBy(() -> connect(database.jdbcUrl(), database.user(), null).close())
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aDirectoryLeftByAnOlderDemoWithTrustAuthenticationIsRecreatedWithANotice() throws Exception {
        // what an older demo left: zonky's defaults (trust), no password file
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("pgdata"))
                .setCleanDataDirectory(false).setServerConfig("listen_addresses", "127.0.0.1").start()) {
            try (Connection c = old.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("CREATE TABLE old_demo (id int)");
            }
        }
        assertThat(DemoDatabase.trustsAnyone(directory.resolve("pgdata/pg_hba.conf"))).isTrue();

        List<String> notices = new ArrayList<>();
        try (DemoDatabase database = DemoDatabase.start(directory, false, notices::add)) {
            assertThat(notices).singleElement().asString().contains("older version").contains("recreated");
            assertThatThrownBy(() -> connect(database.jdbcUrl(), database.user(), null).close())
                    .isInstanceOf(SQLException.class);
            try (Connection c = connect(database.jdbcUrl(), database.user(), database.password())) {
                assertThat(c.getMetaData().getTables(null, null, "old_demo", null).next()).isFalse();
            }
            assertNoTrust();
        }
    }

    @Test
    void aPostmasterPidWhoseProcessIsGoneIsRemovedAndTheDatabaseStartsWithItsData() throws Exception {
        String lockFile;
        try (DemoDatabase database = DemoDatabase.start(directory, true)) {
            try (Connection c = connect(database.jdbcUrl(), database.user(), database.password())) {
                c.createStatement().execute("CREATE TABLE kept (id int)");
            }
            lockFile = Files.readString(directory.resolve("pgdata/postmaster.pid"));
        }
        // what a killed PostgreSQL leaves: its lock file, naming a process that is no longer there
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Path pid = directory.resolve("pgdata/postmaster.pid");
        Files.writeString(pid, lockFile.replaceFirst("^\\d+", Long.toString(gone.pid())));

        List<String> notices = new ArrayList<>();
        try (DemoDatabase database = DemoDatabase.start(directory, false, notices::add)) {
            try (Connection c = connect(database.jdbcUrl(), database.user(), database.password())) {
                c.createStatement().execute("SELECT * FROM kept");
            }
            assertThat(notices).singleElement().asString().contains("postmaster.pid").contains(Long.toString(gone.pid()))
                    .contains("no longer running");
        }
    }

    private void assertNoTrust() throws IOException {
        List<String> entries = Files.readAllLines(directory.resolve("pgdata/pg_hba.conf")).stream()
                .map(l -> l.replaceFirst("#.*", "").trim()).filter(l -> !l.isEmpty()).toList();
        assertThat(entries).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain("trust").endsWith("scram-sha-256"));
    }

    static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
