package com.reportresumer.demo;

import com.reportresumer.cli.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code demo} that is running (its job, then with {@code --serve} until Ctrl-C), as it tells other processes in
 * the file {@code running-demo} of the demo directory: a command with {@code --demo} in another process uses the
 * database and the sandbox it names instead of starting its own on the same data, which PostgreSQL would refuse.
 * <p>
 * The file holds where the two listen and who may connect, and the paths of the files that hold the password and
 * the client secret, never the secrets themselves; it is readable by its owner only all the same. It is removed when
 * the demo stops; one left by a killed demo (its process is gone) is ignored and removed.
 *
 * @param process the demo's process
 * @param jdbcUrl the database's JDBC URL
 * @param user the database user
 * @param passwordFile the file that holds the user's password (an absolute path)
 * @param api where the sandbox answers
 * @param clientSecretFile the file that holds the sandbox's client secret (an absolute path)
 */
record RunningDemo(ProcessIdentity process, String jdbcUrl, String user, Path passwordFile, DemoApi.Endpoint api,
        Path clientSecretFile) {

    /** The file, in the demo directory, that a running demo writes. */
    static final String FILE = "running-demo";
    private static final List<String> KEYS = List.of("process", "jdbc-url", "user", "password-file", "base-url",
            "api-path", "token-url", "tenant-id", "client-id", "client-secret-file");

    /** This JVM's demo, running {@code database} and {@code api}. */
    static RunningDemo of(DemoDatabase database, DemoApi api) {
        return new RunningDemo(ProcessIdentity.current(), database.jdbcUrl(), database.user(),
                database.passwordFile().toAbsolutePath(), api.endpoint(), api.clientSecretFile());
    }

    /**
     * The demo running with {@code directory} in another process (or this one), if there is one. A file left by a
     * demo whose process is gone is removed.
     */
    static Optional<RunningDemo> in(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Optional<RunningDemo> running = parse(Files.readString(file, StandardCharsets.UTF_8))
                .filter(demo -> demo.process().isAlive());
        if (running.isEmpty()) {
            Files.deleteIfExists(file);
        }
        return running;
    }

    /** Tells other processes about this demo (replacing what a killed one may have left). */
    void writeTo(Path directory) throws IOException {
        StringBuilder text = new StringBuilder("# a demo runs in process " + process.pid() + ": commands with --demo "
                + "use its database and sandbox; removed when it stops\n");
        List<Object> values = List.of(process, jdbcUrl, user, passwordFile, api.baseUrl(), api.apiPath(),
                api.tokenUrl(), api.tenantId(), api.clientId(), clientSecretFile);
        for (int i = 0; i < KEYS.size(); i++) {
            text.append(KEYS.get(i)).append('=').append(values.get(i)).append('\n');
        }
        OwnerOnlyFiles.write(directory.resolve(FILE), text.toString());
    }

    /** Removes the file of {@code directory} if it is this demo's (never another's). */
    void removeFrom(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (Files.exists(file) && parse(Files.readString(file, StandardCharsets.UTF_8))
                .filter(written -> written.process().equals(process)).isPresent()) {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The Spring properties that point a command at this demo's database and sandbox, with the password and the
     * secret read from their files.
     */
    Map<String, Object> springProperties() throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", jdbcUrl);
        p.put("spring.datasource.username", user);
        p.put("spring.datasource.password", secretIn(passwordFile));
        p.putAll(DemoApi.springProperties(api, secretIn(clientSecretFile)));
        return p;
    }

    private String secretIn(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new UsageException("the demo running in process " + process.pid() + " keeps a secret in " + file
                    + ", which cannot be read: run the command as the user who started the demo");
        }
        return OwnerOnlyFiles.read(file);
    }

    private static Optional<RunningDemo> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (!values.keySet().containsAll(KEYS)) {
            return Optional.empty();
        }
        return ProcessIdentity.parse(values.get("process")).map(process -> new RunningDemo(process,
                values.get("jdbc-url"), values.get("user"), Path.of(values.get("password-file")),
                new DemoApi.Endpoint(values.get("base-url"), values.get("api-path"), values.get("token-url"),
                        values.get("tenant-id"), values.get("client-id")),
                Path.of(values.get("client-secret-file"))));
    }
}
