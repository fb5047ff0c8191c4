package com.reportresumer.cli;

import com.reportresumer.audit.AuditTrail;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Lists recent executions: start, duration, status, exit code and counts per outcome.")
class RunsCommand implements Callable<Integer> {

    @ParentCommand
    ReportResumerCommand parent;

    @Option(names = "--limit", defaultValue = "20", description = "how many, newest first (default: ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1");
        }
        return parent.cli.run(ContextSpec.batch(), context -> {
            output.format.printRuns(context.getBean(AuditTrail.class).runs(limit), parent.cli.out());
            return ExitCodes.OK;
        });
    }
}
