package com.reportresumer.cli;

import com.reportresumer.partnercenter.PartnerCenterProperties;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.resume.RunReport;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = { "Continues a failed, stopped or crashed execution from its last committed chunk.",
                "An execution left STARTED by a killed process is recovered first." })
class RestartCommand implements Callable<Integer> {

    @ParentCommand
    ReportResumerCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXECUTION_ID",
            description = "the execution to continue (default: the latest)")
    Long executionId;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = parent.cli.startContext()) {
            context.getBean(PartnerCenterProperties.class).requireCredentials();
            RunReport report = context.getBean(ResumeRuns.class).restart(executionId);
            RunSummary.print(report, parent.cli.out());
            return report.exitCode();
        }
    }
}
