package com.reportresumer.cli;

import com.reportresumer.audit.AuditTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "runs", mixinStandardHelpOptions = true,
        header = "Lists recent executions and how each ended.",
        description = "Lists recent executions: start, duration, status, exit code and counts per outcome.")
class RunsCommand extends Subcommand {

    @Option(names = "--limit", defaultValue = "20", description = "how many, newest first (default: ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() throws Exception {
        UsageException.positiveLimit(limit);
        return inContext(ContextSpec.database(), context -> {
            output.format.printRuns(context.getBean(AuditTrail.class).runs(limit), out());
            return ExitCodes.OK;
        });
    }
}
