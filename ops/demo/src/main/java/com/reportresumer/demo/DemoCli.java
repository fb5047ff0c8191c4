package com.reportresumer.demo;

import com.reportresumer.cli.CliExtension;
import com.reportresumer.cli.ContextSpec;
import com.reportresumer.cli.ResumerCli;
import com.reportresumer.cli.UsageException;
import com.reportresumer.schema.DatabaseSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the demo jar adds to the production command line: the {@code demo} command, and {@code --demo}, which points
 * any command at the demo ({@code runs --demo}, {@code audit --demo …}, {@code run --demo}).
 * <p>
 * While a {@code demo} runs in another process ({@code demo --serve} until Ctrl-C), {@code --demo} uses its
 * database and its sandbox: PostgreSQL runs once on the demo's data. Otherwise {@code --demo} starts the demo
 * database for the command, and for a command that calls Partner Center a sandbox with the last demo's reports.
 */
final class DemoCli implements CliExtension {

    static final String DEMO_FLAG = "--demo";

    private final Path directory = DemoDatabase.DEFAULT_DIRECTORY;
    private DemoDatabase database;

    @Override
    public List<String> helpLines() {
        return List.of("  --demo           against the demo: a running `demo --serve`, else the demo's",
                "                   database (and a sandbox API for the commands that call it)");
    }

    @Override
    public Set<String> flags() {
        return Set.of(DEMO_FLAG);
    }

    @Override
    public List<Object> commands(ResumerCli cli) {
        return List.of(new DemoCommand(cli, this));
    }

    @Override
    public ContextSpec beforeContext(ResumerCli cli, ContextSpec spec, Set<String> flagsGiven) {
        if (!flagsGiven.contains(DEMO_FLAG)) {
            return spec;
        }
        try {
            Optional<RunningDemo> running = database == null ? RunningDemo.in(directory) : Optional.empty();
            if (running.isPresent()) {
                return spec.withDefaults(running.get().springProperties());
            }
            if (database == null && !Files.exists(directory.resolve(DemoDatabase.DATA))) {
                // a --demo typed in another folder than the demo's would otherwise show an empty demo as if it were it
                cli.err().println("report-resumer: no demo in " + directory.toAbsolutePath() + " (`demo` makes one, in "
                        + "the folder it is started from): this command starts an empty demo database there");
                cli.err().flush();
            }
            ContextSpec withDatabase = spec.withDefaults(datasource(startDatabase(cli, false)));
            if (!spec.requiresCredentials()) {
                return withDatabase;
            }
            DemoApi api = DemoApi.start(directory, DemoApi.Reports.lastIn(directory));
            cli.closeAtEnd(api);
            return withDatabase.withDefaults(api.springProperties());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo: " + e.getMessage(), e);
        }
    }

    /** The demo directory ({@code data/demo}). */
    Path directory() {
        return directory;
    }

    /**
     * Starts the demo's embedded PostgreSQL (kept in {@code data/demo}) for the command of {@code cli}, once, and
     * migrates it. Closed when the command ends.
     *
     * @throws UsageException when PostgreSQL already runs on the demo's data for another process
     */
    DemoDatabase startDatabase(ResumerCli cli, boolean fresh) throws IOException {
        if (database != null) {
            return database;
        }
        DemoDatabase started;
        try {
            started = DemoDatabase.start(directory, fresh, notice -> {
                cli.err().println("report-resumer: " + notice);
                cli.err().flush();
            });
        }
        catch (DemoDatabase.InUseException inUse) {
            throw new UsageException(inUse.getMessage());
        }
        database = started;
        cli.closeAtEnd(() -> {
            database = null;
            started.close();
        });
        DatabaseSchema.migrate(started.jdbcUrl(), started.user(), started.password());
        return started;
    }

    /** The property defaults that point the context at {@code database} (a datasource given explicitly still wins). */
    static Map<String, Object> datasource(DemoDatabase database) {
        return Map.of("spring.datasource.url", database.jdbcUrl(), "spring.datasource.username", database.user(),
                "spring.datasource.password", database.password());
    }
}
