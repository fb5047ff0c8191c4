package com.reportresumer.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/**
 * What every command of {@link ReportResumerCommand} shares: the command line it runs in, and the one way to do its
 * work, in the application context that {@link ContextSpec} describes. A command holds only its own options.
 */
abstract class Subcommand implements Callable<Integer> {

    @ParentCommand
    ReportResumerCommand parent;

    /** Opens the context {@code spec} describes, does {@code work} in it, and answers its exit code. */
    final int inContext(ContextSpec spec, ResumerCli.InContext work) throws Exception {
        return parent.cli.run(spec, work);
    }

    /** Standard output: data only, logs go to standard error. */
    final PrintWriter out() {
        return parent.cli.out();
    }
}
