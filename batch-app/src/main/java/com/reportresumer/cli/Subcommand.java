package com.reportresumer.cli;

import java.io.PrintWriter;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/**
 * What every command of {@link ReportResumerCommand} shares: the command line it runs in, and the one way to do its
 * work, in the application context that {@link ContextSpec} describes. A command holds only its own options.
 */
abstract class Subcommand implements Callable<Integer> {

    @ParentCommand
    ReportResumerCommand parent;

    /**
     * A command that runs the job ({@code run}, {@code restart}, ...): its failures say how the interrupted run
     * continues. Most commands only read or flag.
     */
    interface RunsTheJob {
    }

    /** Whether {@code command} runs the job (an extension's commands are taken to). */
    static boolean runsTheJob(Object command) {
        return !(command instanceof Subcommand) || command instanceof RunsTheJob;
    }

    /** Opens the context {@code spec} describes, does {@code work} in it, and answers its exit code. */
    final int inContext(ContextSpec spec, ResumerCli.InContext work) throws Exception {
        return parent.cli.run(spec, work);
    }

    /** The width tables for people fit: the terminal's; empty for a pipe or a file (never cut). */
    final OptionalInt terminalWidth() {
        return parent.cli.terminalWidth();
    }

    /** Standard output: data only, logs go to standard error. */
    final PrintWriter out() {
        return parent.cli.out();
    }

    /** Tells the person at the terminal something that is not data, on standard error, in the CLI's one-line form. */
    final void tell(String message) {
        parent.cli.err().println("report-resumer: " + message);
        parent.cli.err().flush();
    }
}
