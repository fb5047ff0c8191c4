package com.reportresumer.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's embedded PostgreSQL (zonky), kept in a data directory so a second {@code demo} (or {@code runs --demo})
 * sees the history of the first. Listens on loopback only, on port 54329 when it is free.
 */
public final class DemoDatabase implements AutoCloseable {

    /** Where the demo keeps its database: {@code data/demo} under the working directory, or {@code -Dresumer.demo.dir}. */
    public static final Path DEFAULT_DIRECTORY = Path.of(System.getProperty("resumer.demo.dir", "data/demo"));
    static final int PREFERRED_PORT = 54329;

    private final EmbeddedPostgres postgres;

    private DemoDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts the database in {@code directory}, wiping it first when {@code fresh}. */
    public static DemoDatabase start(Path directory, boolean fresh) throws IOException {
        Path data = directory.resolve("pgdata");
        if (fresh && Files.exists(directory)) {
            try (Stream<Path> all = Files.walk(directory)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(directory);
        if (Files.exists(data.resolve("postmaster.pid"))) {
            throw new IllegalStateException("the demo database in " + directory + " is in use by another demo "
                    + "(or was left by a killed one: remove " + data.resolve("postmaster.pid") + ")");
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(portFree(PREFERRED_PORT) ? PREFERRED_PORT : 0)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        return new DemoDatabase(postgres);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    /** A URL for {@code psql}. */
    public String psqlUrl() {
        return "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        }
        catch (IOException inUse) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
