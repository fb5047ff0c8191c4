package com.reportresumer.cli;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Mixin;

/**
 * A command that reads rows and prints them ({@code runs}, {@code audit}, {@code pending}): its {@code --format},
 * the rule of its {@code --limit}, and the one way it runs: its options checked before anything starts, then its
 * query in a context of the database only (read-only: it also runs as {@code resumer_ops}).
 */
abstract class RowsCommand extends Subcommand {

    @Mixin
    FormatOption output;

    /** The command's {@code --limit}: each has its own default. */
    abstract int limit();

    /** Refuses options that cannot go together (a {@link UsageException}, exit 2), before anything is booted. */
    void check() {
    }

    /** Reads and prints the rows, answering the exit code. */
    abstract int print(ConfigurableApplicationContext context) throws Exception;

    @Override
    public final Integer call() throws Exception {
        UsageException.positiveLimit(limit());
        check();
        return inContext(ContextSpec.database(), this::print);
    }
}
