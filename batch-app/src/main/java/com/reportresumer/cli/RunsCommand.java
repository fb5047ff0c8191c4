package com.reportresumer.cli;

import com.reportresumer.audit.AuditTrail;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "runs", mixinStandardHelpOptions = true,
        header = "Lists recent executions and how each ended.",
        description = "Lists recent executions: start, duration, status, exit code and counts per outcome.")
class RunsCommand extends RowsCommand {

    @Option(names = "--limit", defaultValue = "20", description = "how many, newest first (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    int limit() {
        return limit;
    }

    @Override
    int print(ConfigurableApplicationContext context) {
        output.format.printRuns(context.getBean(AuditTrail.class).runs(limit), out());
        return ExitCodes.OK;
    }
}
