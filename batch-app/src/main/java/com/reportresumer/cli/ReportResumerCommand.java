package com.reportresumer.cli;

import picocli.CommandLine.Command;

@Command(name = "report-resumer",
        mixinStandardHelpOptions = true,
        version = "report-resumer 0.1.0",
        description = "Resumes paused Partner Center Insights scheduled reports in bulk, with an audit trail.",
        subcommands = { RunCommand.class, RestartCommand.class, RerunFailedCommand.class, FlagCommand.class,
                UnflagCommand.class, PendingCommand.class, AuditCommand.class, RunsCommand.class,
                ScheduleCommand.class, MigrateCommand.class },
        footer = { "", "Spring properties may be given as --name=value (e.g. --resumer.job.chunk-size=100),",
                "as environment variables (RESUMER_JOB_CHUNKSIZE) or in ./application.properties.",
                "--debug adds stack traces and debug logs.",
                "", "Exit codes: 0 all RESUMED, 1 failed/stopped (restartable), 2 usage or configuration error,",
                "3 completed but some requests not RESUMED, 4 another execution is running." })
class ReportResumerCommand implements Runnable {

    final ResumerCli cli;

    ReportResumerCommand(ResumerCli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        throw new UsageException("a command is required (see --help)");
    }
}
