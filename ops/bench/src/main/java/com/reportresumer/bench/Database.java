package com.reportresumer.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The PostgreSQL server the bench runs against: an embedded one (zonky, PostgreSQL 14, durable by default) or the one
 * {@code SPRING_DATASOURCE_URL} names. Every run gets a database of
 * its own, copied from a template that the app itself migrated ({@code batch-app.jar migrate}).
 */
final class Database implements AutoCloseable {

    static final String TEMPLATE = "rrbench_template";
    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/?]*)(/([^?]*))?(\\?.*)?");

    private final EmbeddedPostgres embedded;
    private final String hostPort;
    private final String maintenanceDb;
    private final String query;
    final String user;
    final String password;

    private Database(EmbeddedPostgres embedded, String hostPort, String maintenanceDb, String query, String user,
            String password) {
        this.embedded = embedded;
        this.hostPort = hostPort;
        this.maintenanceDb = maintenanceDb;
        this.query = query == null ? "" : query;
        this.user = user;
        this.password = password;
    }

    /**
     * @param durable {@code fsync} and {@code synchronous_commit} on, as a production server has them (zonky turns
     *                them off by default; {@code --pg-unsafe} keeps them off). Ignored for an external server.
     */
    static Database start(boolean durable) throws IOException {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        if (url != null && !url.isBlank()) {
            Matcher m = JDBC.matcher(url.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("SPRING_DATASOURCE_URL: expected jdbc:postgresql://host[:port]/db, got " + url);
            }
            String db = m.group(3) == null || m.group(3).isEmpty() ? "postgres" : m.group(3);
            return new Database(null, m.group(1), db, m.group(4), env("SPRING_DATASOURCE_USERNAME", "postgres"),
                    env("SPRING_DATASOURCE_PASSWORD", ""));
        }
        // TCP only: no socket in /tmp (the bench's temporary folder is ops/bench/target/tmp, run.sh)
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "");
        if (durable) {
            // the job commits once per chunk: what a commit costs on a real server is part of what is measured
            builder.setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on");
        }
        EmbeddedPostgres pg = builder.start();
        return new Database(pg, "127.0.0.1:" + pg.getPort(), "postgres", null, "postgres", "postgres");
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null ? otherwise : v;
    }

    String describe() throws SQLException {
        try (Connection c = connect(maintenanceDb); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('synchronous_commit'),"
                     + " current_setting('shared_buffers'), current_setting('fsync')")) {
            rs.next();
            return (embedded != null ? "embedded (zonky) " : "external ") + "PostgreSQL " + rs.getString(1) + " on "
                    + hostPort + ", synchronous_commit=" + rs.getString(2) + ", fsync=" + rs.getString(4)
                    + ", shared_buffers=" + rs.getString(3);
        }
    }

    String jdbcUrl(String db) {
        return "jdbc:postgresql://" + hostPort + "/" + db + query;
    }

    /** A libpq URL for {@code psql} (the password goes through {@code PGPASSWORD}). */
    String psqlUrl(String db) {
        String hp = hostPort.isEmpty() ? "localhost" : hostPort;
        return "postgresql://" + encode(user) + "@" + hp + "/" + db;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(db), user, password);
    }

    /** Creates an empty database (for the template) or a copy of the template. */
    void create(String db, boolean fromTemplate) throws SQLException {
        drop(db);
        try (Connection c = connect(maintenanceDb); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db + (fromTemplate ? " TEMPLATE " + TEMPLATE : ""));
        }
    }

    void drop(String db) throws SQLException {
        try (Connection c = connect(maintenanceDb); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    /**
     * Flags the reports with one {@code COPY} into {@code resume_request}, then {@code VACUUM ANALYZE}s the table
     * (in production the flags are inserted long before the nightly run and autovacuum has seen them).
     */
    void flag(String db, List<String> reportIds) throws SQLException, IOException {
        StringBuilder data = new StringBuilder(reportIds.size() * 45);
        for (String id : reportIds) {
            data.append(id).append("\tbench\n");
        }
        try (Connection c = connect(db)) {
            new CopyManager(c.unwrap(BaseConnection.class))
                    .copyIn("COPY resume_request (report_id, requested_by) FROM STDIN", new StringReader(data.toString()));
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE resume_request");
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
