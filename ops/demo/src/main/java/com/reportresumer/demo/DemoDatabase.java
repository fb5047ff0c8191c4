package com.reportresumer.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
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
 */
public final class DemoDatabase implements AutoCloseable {

    /** Where the demo keeps its database: {@code data/demo} under the working directory, or {@code -Dresumer.demo.dir}. */
    public static final Path DEFAULT_DIRECTORY = Path.of(System.getProperty("resumer.demo.dir", "data/demo"));
    /** The file, in the demo directory, that holds the superuser's password. */
    public static final String PASSWORD_FILE = "postgres-password";
    static final int PREFERRED_PORT = 54329;
    static final String USER = "postgres";
    private static final int PASSWORD_LENGTH = 32;
    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final EmbeddedPostgres postgres;
    private final String password;
    private final Path passwordFile;

    private DemoDatabase(EmbeddedPostgres postgres, String password, Path passwordFile) {
        this.postgres = postgres;
        this.password = password;
        this.passwordFile = passwordFile;
    }

    /** Starts the database in {@code directory}, wiping it first when {@code fresh}. */
    public static DemoDatabase start(Path directory, boolean fresh) throws IOException {
        return start(directory, fresh, notice -> { });
    }

    /**
     * Starts the database in {@code directory}, wiping it first when {@code fresh}; {@code notices} hears of a data
     * directory left by an older demo that is recreated.
     */
    public static DemoDatabase start(Path directory, boolean fresh, Consumer<String> notices) throws IOException {
        Path data = directory.resolve("pgdata");
        Path passwordFile = directory.resolve(PASSWORD_FILE);
        if (fresh) {
            delete(directory);
        }
        if (Files.exists(data.resolve("postmaster.pid"))) {
            throw new IllegalStateException("the demo database in " + directory + " is in use by another demo "
                    + "(or was left by a killed one: remove " + data.resolve("postmaster.pid") + ")");
        }
        if (Files.exists(data.resolve("postgresql.conf"))
                && (!Files.exists(passwordFile) || trustsAnyone(data.resolve("pg_hba.conf")))) {
            notices.accept("the demo database in " + directory + " was made by an older version without a "
                    + "password: it is recreated (the demo's earlier runs are gone)");
            delete(directory);
        }
        createOwnerOnlyDirectory(directory);
        String password = Files.exists(passwordFile) ? readPassword(passwordFile) : writeNewPassword(passwordFile);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(portFree(PREFERRED_PORT) ? PREFERRED_PORT : 0)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // passed to initdb as --auth=… and --pwfile=…, after zonky's own "-A trust": the last one wins,
                // so pg_hba.conf is written with scram-sha-256 for every line before the server ever starts
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString())
                // zonky's readiness check connects as postgres
                .setConnectConfig("password", password)
                .start();
        return new DemoDatabase(postgres, password, passwordFile);
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

    private static String readPassword(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(file + " is empty: run `demo --fresh` to start the demo over");
        }
        restrictToOwner(file, OWNER_ONLY);
        return password;
    }

    private static String writeNewPassword(Path file) throws IOException {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)]);
        }
        // created owner-only, so it is never readable by others, not even for a moment
        boolean posix = Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null;
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        else {
            Files.createFile(file);
            restrictToOwner(file, OWNER_ONLY);
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return password.toString();
    }

    private static void createOwnerOnlyDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        }
    }

    private static void restrictToOwner(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, permissions);
        }
        else {
            java.io.File f = path.toFile();
            boolean ok = f.setReadable(false, false) & f.setReadable(true, true)
                    & f.setWritable(false, false) & f.setWritable(true, true);
            if (!ok) {
                throw new IOException("cannot make " + path + " readable by its owner only");
            }
        }
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
        postgres.close();
    }
}
