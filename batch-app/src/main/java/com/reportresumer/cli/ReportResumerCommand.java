package com.reportresumer.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine.Command;

@Command(name = "report-resumer",
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
        description = "Resumes paused Partner Center Insights scheduled reports in bulk, with an audit trail.",
        subcommands = { RunCommand.class, RestartCommand.class, RerunFailedCommand.class, FlagCommand.class,
                UnflagCommand.class, StopCommand.class, PendingCommand.class, AuditCommand.class, RunsCommand.class,
                ScheduleCommand.class, ConsoleCommand.class, MigrateCommand.class, GenerateCompletion.class })
class ReportResumerCommand implements Runnable {

    /**
     * What every command's help ends with (the top level's too): the options every command takes besides its own,
     * {@code extra} (an extension's flags), and the exit codes. Lines fit 80 columns, so no name is broken.
     */
    static String[] commonFooter(List<String> extra) {
        List<String> lines = new ArrayList<>(List.of("",
                "Every command also takes:",
                "  --debug          stack traces; the application's loggers at DEBUG",
                "  --name=value     a Spring property, e.g. --resumer.job.chunk-size=100",
                "                   (also RESUMER_JOB_CHUNKSIZE=100, or ./application.properties)"));
        lines.addAll(extra);
        lines.addAll(List.of("",
                "Exit codes: 0 all RESUMED or done; 1 failed or stopped (restartable);",
                "2 usage or configuration error; 3 completed, some requests not RESUMED;",
                "4 another execution is running."));
        return lines.toArray(String[]::new);
    }

    final ResumerCli cli;

    ReportResumerCommand(ResumerCli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        throw new UsageException("a command is required (see --help)");
    }
}
