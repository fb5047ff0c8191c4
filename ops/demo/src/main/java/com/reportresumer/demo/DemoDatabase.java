package com.reportresumer.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The demo's embedded PostgreSQL (zonky), kept in a data directory so a second {@code demo} (or {@code runs --demo})
 * sees the history of the first. Listens on loopback only, on port 54329 when it is free.
 * <p>
 * The superuser {@code postgres} has a random password, kept in {@code postgres-password} beside the data
 * (readable by its owner only), and every connection must give it ({@code scram-sha-256}): initdb writes that into
 * {@code pg_hba.conf} itself, so no connection without the password is accepted at any moment. A data directory
 * left by an older demo (trust authentication, no password file) is recreated.
 * <p>
 * One PostgreSQL at a time runs on the data: a {@code postmaster.pid} whose process is alive means another one
 * does, and nothing here touches the directory then (not even {@code --fresh}); one whose process is gone was left
 * by a killed PostgreSQL and is removed, as PostgreSQL itself would.
 */
public final class DemoDatabase implements AutoCloseable {

    /** Where the demo keeps its database: {@code data/demo} under the working directory, or {@code -Dresumer.demo.dir}. */
    public static final Path DEFAULT_DIRECTORY = Path.of(System.getProperty("resumer.demo.dir", "data/demo"));
    /** The file, in the demo directory, that holds the superuser's password. */
    public static final String PASSWORD_FILE = "postgres-password";
    static final int PREFERRED_PORT = 54329;
    static final String USER = "postgres";
    /** The file, in the demo directory, naming the process that runs the database (see {@link ProcessIdentity}). */
    static final String OWNER_FILE = "database-owner";

    /** The folder of PostgreSQL's data, in the demo's directory. */
    static final String DATA = "pgdata";

    /** The system property that names zonky's folder (by default the temporary folder's embedded-pg). */
    private static final String ZONKY_FOLDER = "ot.epg.working-dir";

    /** Where the embedded PostgreSQL's binaries are unpacked: beside the demo's directory. */
    static Path binariesOf(Path directory) {
        return directory.toAbsolutePath().resolveSibling("embedded-pg");
    }

    private final EmbeddedPostgres postgres;
    private final String password;
    private final Path passwordFile;
    private final Path ownerFile;

    private DemoDatabase(EmbeddedPostgres postgres, String password, Path passwordFile, Path ownerFile) {
        this.postgres = postgres;
        this.password = password;
        this.passwordFile = passwordFile;
        this.ownerFile = ownerFile;
    }

    /**
     * The demo database is running for another process, which is not a demo that {@code --demo} can use: its
     * message says what to do, and nothing that could harm the running database.
     */
    public static final class InUseException extends IllegalStateException {

        InUseException(String message) {
            super(message);
        }
    }

    /** Starts the database in {@code directory}, wiping it first when {@code fresh}. */
    public static DemoDatabase start(Path directory, boolean fresh) throws IOException {
        return start(directory, fresh, notice -> { });
    }

    /**
     * Starts the database in {@code directory}, wiping it first when {@code fresh}; {@code notices} hears of a data
     * directory left by an older demo that is recreated, and of a lock file left by a killed PostgreSQL.
     *
     * @throws InUseException when a PostgreSQL already runs on the data directory
     */
    public static DemoDatabase start(Path directory, boolean fresh, Consumer<String> notices) throws IOException {
        Path data = directory.resolve(DATA);
        Path passwordFile = directory.resolve(PASSWORD_FILE);
        removeStaleLockFile(directory, notices);
        if (fresh) {
            delete(directory);
        }
        if (Files.exists(data.resolve("postgresql.conf"))
                && (!Files.exists(passwordFile) || trustsAnyone(data.resolve("pg_hba.conf")))) {
            notices.accept("the demo database in " + directory + " was made by an older version without a "
                    + "password: it is recreated (the demo's earlier runs are gone)");
            delete(directory);
        }
        OwnerOnlyFiles.createDirectory(directory);
        String password = OwnerOnlyFiles.secret(passwordFile);
        // zonky's folder, where it unpacks the binaries (and which its builder makes even when they go elsewhere):
        // beside the demo's data (data/embedded-pg), not in the system's temporary folder, unless this JVM was
        // given one; kept across `demo --fresh`, which deletes the demo's directory only
        if (System.getProperty(ZONKY_FOLDER) == null) {
            System.setProperty(ZONKY_FOLDER, binariesOf(directory).toString());
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(portFree(PREFERRED_PORT) ? PREFERRED_PORT : 0)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // TCP only (the JDBC URL and the psql line the demo prints): no socket in /tmp to leave behind
                .setServerConfig("unix_socket_directories", "")
                // passed to initdb as --auth=… and --pwfile=…, after zonky's own "-A trust": the last one wins,
                // so pg_hba.conf is written with scram-sha-256 for every line before the server ever starts
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString())
                // zonky's readiness check connects as postgres
                .setConnectConfig("password", password)
                // stopped by close(), when the command that started it has ended: zonky's own shutdown hook would
                // stop it on SIGTERM beside the run's graceful stop, under the calls in flight and their chunk
                .setRegisterShutdownHook(false)
                .start();
        Path ownerFile = directory.resolve(OWNER_FILE);
        OwnerOnlyFiles.write(ownerFile, ProcessIdentity.current() + "\n");
        return new DemoDatabase(postgres, password, passwordFile, ownerFile);
    }

    /**
     * Removes a {@code postmaster.pid} that no running PostgreSQL holds (a killed one leaves it, and PostgreSQL
     * would refuse to start beside it), or refuses to go on when one does hold it.
     *
     * @throws InUseException when the process the file names is alive and is a PostgreSQL
     */
    private static void removeStaleLockFile(Path directory, Consumer<String> notices) throws IOException {
        Path data = directory.resolve(DATA);
        Path lockFile = data.resolve("postmaster.pid");
        if (!Files.exists(lockFile)) {
            return;
        }
        OptionalLong pid = postmasterPid(lockFile);
        Optional<ProcessIdentity> owner = runningOwner(directory.resolve(OWNER_FILE));
        if (pid.isPresent() && isPostgres(pid.getAsLong())) {
            long postmaster = pid.getAsLong();
            throw new InUseException(owner.isPresent()
                    ? "the demo database in " + directory + " is in use by another demo command (process "
                            + owner.get().pid() + ", its PostgreSQL is process " + postmaster + "): try again once "
                            + "it has ended; to share the demo between commands, keep `demo --serve` running"
                    : "the demo database in " + directory + " is still running as process " + postmaster
                            + ", left by a demo that was killed: stop it with `kill " + postmaster + "` (PostgreSQL "
                            + "then shuts down cleanly) and try again");
        }
        if (pid.isEmpty() && owner.isPresent()) {
            throw new InUseException("the demo database in " + directory + " is in use by another demo command "
                    + "(process " + owner.get().pid() + "), whose PostgreSQL is starting: try again once it has ended");
        }
        Files.deleteIfExists(lockFile);
        notices.accept("removed " + lockFile + ": " + (pid.isPresent()
                ? "the PostgreSQL process " + pid.getAsLong() + " that wrote it is no longer running"
                : "it names no process") + " (a demo was killed); the demo database starts with its data");
    }

    /** The process ID on the first line of PostgreSQL's {@code postmaster.pid}, if it has one. */
    private static OptionalLong postmasterPid(Path lockFile) throws IOException {
        try (Stream<String> lines = Files.lines(lockFile, StandardCharsets.UTF_8)) {
            String first = lines.findFirst().orElse("").strip();
            return first.matches("\\d{1,19}") ? OptionalLong.of(Long.parseLong(first)) : OptionalLong.empty();
        }
        catch (UncheckedIOException | NumberFormatException unreadable) {
            return OptionalLong.empty();
        }
    }

    /**
     * Whether {@code pid} is a live process that may be a PostgreSQL: one whose command cannot be seen (another
     * user's) counts as one, so that a running database is never taken for a dead one.
     */
    private static boolean isPostgres(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().map(command -> command.contains("postgres")).orElse(true))
                .orElse(false);
    }

    /** The process that started the database (another JVM, or this one), if it still runs. */
    private static Optional<ProcessIdentity> runningOwner(Path ownerFile) throws IOException {
        if (!Files.exists(ownerFile)) {
            return Optional.empty();
        }
        return ProcessIdentity.parse(Files.readString(ownerFile, StandardCharsets.UTF_8))
                .filter(owner -> owner.isCurrent() || owner.isAlive());
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    /** A URL for {@code psql}, without the password (psql asks for it, or takes it from {@code PGPASSWORD}). */
    public String psqlUrl() {
        return "postgresql://" + USER + "@127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    /** The file holding {@link #password()}, readable by its owner only. */
    public Path passwordFile() {
        return passwordFile;
    }

    /** Whether a line of {@code pg_hba} (not a comment) lets anyone in without a password. */
    static boolean trustsAnyone(Path hba) throws IOException {
        if (!Files.exists(hba)) {
            return false;
        }
        for (String line : Files.readAllLines(hba, StandardCharsets.UTF_8)) {
            String entry = line.replaceFirst("#.*", "").trim();
            if (!entry.isEmpty() && List.of(entry.split("\\s+")).contains("trust")) {
                return true;
            }
        }
        return false;
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        catch (UncheckedIOException e) {
            throw e.getCause();
        }
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
        try {
            postgres.close();
        }
        finally {
            Files.deleteIfExists(ownerFile);
        }
    }
}
