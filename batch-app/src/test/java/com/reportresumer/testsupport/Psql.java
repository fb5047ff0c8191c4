package com.reportresumer.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a file of {@code ops/sql} with psql, as the runbook does (psql is required: {@code .ci/run} installs
 * postgresql-client where it is missing).
 */
public final class Psql {

    private static final Path PSQL = Path.of("/usr/bin/psql");

    private Psql() {
    }

    /** What a psql run printed (standard output and error together) and its exit code. */
    public record Result(int exitCode, String output) {
    }

    /** The path of {@code ops/sql/<name>}, from batch-app's folder. */
    public static Path opsFile(String name) {
        return Path.of("..", "ops", "sql", name);
    }

    /** Runs {@code file} in {@code db} as {@code user}; {@code variables} are {@code name=value} for {@code -v}. */
    public static Result run(TestDatabases.Database db, String user, String password, Path file, String... variables)
            throws IOException, InterruptedException {
        assertThat(Files.isExecutable(PSQL)).as("psql is needed to run ops/sql as the runbook does "
                + "(apt-get install postgresql-client; .ci/run does)").isTrue();
        List<String> command = new ArrayList<>(List.of(PSQL.toString(), "-X", "-q", "-d",
                db.url().replace("jdbc:", "") + "?user=" + user));
        for (String variable : variables) {
            command.addAll(List.of("-v", variable));
        }
        command.addAll(List.of("-f", file.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("psql ended").isTrue();
        return new Result(process.exitValue(), output);
    }

    /** Runs {@code file} as the database's owner. */
    public static Result run(TestDatabases.Database db, Path file, String... variables)
            throws IOException, InterruptedException {
        return run(db, db.user(), db.password(), file, variables);
    }
}
