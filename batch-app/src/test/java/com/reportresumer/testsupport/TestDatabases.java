package com.reportresumer.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL server per test JVM: a Testcontainers PostgreSQL where a Docker engine answers, an embedded
 * (zonky) one otherwise. The Flyway migrations of {@code db/} run once into a template database; every test gets
 * its own fresh copy of it ({@code CREATE DATABASE ... TEMPLATE}), so tests never share rows.
 */
public final class TestDatabases {

    private static final String TEMPLATE = "resumer_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Server server;

    private TestDatabases() {
    }

    /**
     * An embedded PostgreSQL as every test starts one: binaries and data under {@code java.io.tmpdir} (target/, the
     * surefire argLine), and no Unix socket, which PostgreSQL would put in /tmp and a killed server would leave there
     * (every test connects over TCP).
     */
    public static EmbeddedPostgres.Builder embedded() {
        return EmbeddedPostgres.builder().setServerConfig("unix_socket_directories", "");
    }

    /** A server: JDBC URL of its admin database, user and password. */
    public record Server(String host, int port, String user, String password, String kind, AutoCloseable handle) {

        public String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** A fresh, migrated database of its own. */
    public record Database(String name, String url, String user, String password) {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        /** The Spring properties that point the application at this database (the password in the environment). */
        public String[] springArgs() {
            return new String[] { "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                    EnvVar.of("SPRING_DATASOURCE_PASSWORD", password) };
        }
    }

    public static synchronized Server server() {
        RealParts.started("the tests' PostgreSQL");
        if (server == null) {
            server = startServer();
            migrateTemplate(server);
        }
        return server;
    }

    public static Database fresh() {
        RealParts.started("a test database");
        Server s = server();
        String name = "resumer_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute(s, "postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return new Database(name, s.url(name), s.user(), s.password());
    }

    /** An empty database of its own, without any migration: for tests of a migration itself. */
    public static Database empty() {
        RealParts.started("a test database");
        Server s = server();
        String name = "resumer_empty_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute(s, "postgres", "CREATE DATABASE " + name);
        return new Database(name, s.url(name), s.user(), s.password());
    }

    private static Server startServer() {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        }
        catch (Throwable e) {
            docker = false;
        }
        try {
            if (docker) {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
                container.start();
                return new Server(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                        container.getPassword(), "testcontainers", container::stop);
            }
            EmbeddedPostgres pg = embedded().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                }
                catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
            return new Server("localhost", pg.getPort(), "postgres", "postgres", "embedded", pg);
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot start a PostgreSQL for the tests", e);
        }
    }

    private static void migrateTemplate(Server s) {
        execute(s, "postgres", "CREATE DATABASE " + TEMPLATE);
        Flyway.configure()
                .dataSource(s.url(TEMPLATE), s.user(), s.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // no session may stay connected to a template that is being copied
        execute(s, "postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + TEMPLATE + "' AND pid <> pg_backend_pid()");
    }

    private static void execute(Server s, String database, String sql) {
        try (Connection c = DriverManager.getConnection(s.url(database), s.user(), s.password());
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
