package com.reportresumer.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every run of one bench shares — the options, the {@code java} that starts the processes, the log folder, the
 * console and the database server — and the one way a run gets a database of its own (a copy of the migrated
 * template) and a sandbox of its own, so that no run sees another's rows or counters.
 */
final class RunEnvironment {

    /** What a run does with its fresh database and sandbox. */
    @FunctionalInterface
    interface FreshRun<T> {
        T run(String database, SandboxProcess sandbox) throws Exception;
    }

    final BenchOptions options;
    final Path java;
    final Path logs;
    final PrintStream out;
    final Database db;
    private int runNumber;

    RunEnvironment(BenchOptions options, Path java, Path logs, PrintStream out, Database db) {
        this.options = options;
        this.java = java;
        this.logs = logs;
        this.out = out;
        this.db = db;
    }

    /** Creates {@link Database#TEMPLATE} and lets the app migrate it ({@code batch-app.jar migrate}, Flyway). */
    void migrateTemplate() throws Exception {
        db.create(Database.TEMPLATE, false);
        Map<String, String> env = new LinkedHashMap<>(dataSourceEnv(Database.TEMPLATE));
        Watched.Result r = Watched.run(List.of(java.toString(), "-jar", options.appJar().toString(), "migrate"),
                env, logs, "template-migrate");
        if (r.exitCode() != 0) {
            throw new IllegalStateException("batch-app.jar migrate (Flyway migration of the template) exited "
                    + r.exitCode() + ": see " + r.stderr());
        }
        out.println("schema: migrated by batch-app.jar migrate into " + Database.TEMPLATE + " ("
                + Row.num(r.processSeconds(), 1) + " s); every run copies it");
    }

    /** The {@code SPRING_DATASOURCE_*} variables that point the app at {@code database}. */
    Map<String, String> dataSourceEnv(String database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_DATASOURCE_URL", db.jdbcUrl(database));
        env.put("SPRING_DATASOURCE_USERNAME", db.user);
        env.put("SPRING_DATASOURCE_PASSWORD", db.password);
        return env;
    }

    /**
     * Runs {@code run} with a new database {@code rrbench_<run number>_<databaseSuffix>} copied from the template
     * and a sandbox started with {@code spec} (its logs named {@code sandboxName}); afterwards the sandbox is stopped
     * and the database dropped (unless {@code --keep-databases}), whatever happened.
     */
    <T> T withFreshDatabaseAndSandbox(String databaseSuffix, String sandboxName, SandboxProcess.Spec spec,
            FreshRun<T> run) throws Exception {
        String database = "rrbench_" + (++runNumber) + "_" + databaseSuffix;
        db.create(database, true);
        try (SandboxProcess sandbox = SandboxProcess.start(java, options.sandboxJar(), logs, sandboxName, spec)) {
            return run.run(database, sandbox);
        } finally {
            if (!options.keepDatabases) {
                db.drop(database);
            }
        }
    }

    /**
     * Runs {@code run} with a new database {@code rrbench_<run number>_<databaseSuffix>} copied from the template and
     * no sandbox (a case that fills the database itself); afterwards the database is dropped (unless
     * {@code --keep-databases}), whatever happened.
     */
    <T> T withFreshDatabase(String databaseSuffix, FreshDatabase<T> run) throws Exception {
        String database = "rrbench_" + (++runNumber) + "_" + databaseSuffix;
        db.create(database, true);
        try {
            return run.run(database);
        } finally {
            if (!options.keepDatabases) {
                db.drop(database);
            }
        }
    }

    /** What a run does with its fresh database. */
    @FunctionalInterface
    interface FreshDatabase<T> {
        T run(String database) throws Exception;
    }

    /** What a run left in {@code database}. */
    JobFigures figures(String database) throws SQLException {
        try (Connection c = db.connect(database)) {
            return JobFigures.read(c);
        }
    }
}
