package com.reportresumer.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The tests' PostgreSQL writes nothing to the system's temporary folder: its data directory is under target/, and it
 * makes no Unix socket (PostgreSQL's default directory for one is /tmp, where a killed server leaves it).
 */
class TestDatabasesTest {

    @Test
    void theEmbeddedServerKeepsToTarget() throws Exception {
        try (Connection c = TestDatabases.fresh().connect(); Statement st = c.createStatement()) {
            String dataDirectory = setting(st, "data_directory");
            Assumptions.assumeFalse(dataDirectory.startsWith("/var/lib/postgresql"), "a Testcontainers server");
            assertThat(Path.of(dataDirectory)).startsWith(Path.of("target").toAbsolutePath());
            assertThat(setting(st, "unix_socket_directories")).isEmpty();
        }
    }

    private static String setting(Statement st, String name) throws Exception {
        try (ResultSet rs = st.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
