package com.reportresumer.demo;

import com.reportresumer.cli.CliExtension;
import com.reportresumer.cli.ResumerCli;
import com.reportresumer.schema.DatabaseSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * What the demo jar adds to the production command line: the {@code demo} command, and {@code --demo}, which points
 * any command at the demo's database ({@code runs --demo}, {@code audit --demo …}).
 */
final class DemoCli implements CliExtension {

    static final String DEMO_FLAG = "--demo";

    private DemoDatabase database;

    @Override
    public Set<String> flags() {
        return Set.of(DEMO_FLAG);
    }

    @Override
    public List<Object> commands(ResumerCli cli) {
        return List.of(new DemoCommand(cli, this));
    }

    @Override
    public void beforeContext(ResumerCli cli, Set<String> flagsGiven) {
        if (flagsGiven.contains(DEMO_FLAG)) {
            try {
                startDatabase(cli, false);
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot start the demo database: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Starts the demo's embedded PostgreSQL (kept in {@code data/demo}) for the command of {@code cli}, once,
     * migrates it, and points the context at it (a datasource given explicitly still wins). Closed when the command
     * ends.
     */
    DemoDatabase startDatabase(ResumerCli cli, boolean fresh) throws IOException {
        if (database != null) {
            return database;
        }
        DemoDatabase started = DemoDatabase.start(DemoDatabase.DEFAULT_DIRECTORY, fresh, notice -> {
            cli.err().println("report-resumer: " + notice);
            cli.err().flush();
        });
        database = started;
        cli.closeAtEnd(() -> {
            database = null;
            started.close();
        });
        DatabaseSchema.migrate(started.jdbcUrl(), started.user(), started.password());
        cli.withDefault("spring.datasource.url", started.jdbcUrl());
        cli.withDefault("spring.datasource.username", started.user());
        cli.withDefault("spring.datasource.password", started.password());
        return started;
    }
}
