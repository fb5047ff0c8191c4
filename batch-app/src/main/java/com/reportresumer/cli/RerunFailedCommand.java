package com.reportresumer.cli;

import com.reportresumer.audit.AuditTrail;
import com.reportresumer.partnercenter.PartnerCenterProperties;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.resume.RunReport;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "rerun-failed", mixinStandardHelpOptions = true,
        description = { "Flags again the reports whose latest outcome is FAILED, then runs.",
                "To continue a crashed or failed execution instead, use `restart`." })
class RerunFailedCommand implements Callable<Integer> {

    @ParentCommand
    ReportResumerCommand parent;

    @Option(names = "--run", paramLabel = "EXECUTION_ID", description = "only reports that failed in this execution")
    Long run;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = parent.cli.startContext()) {
            context.getBean(PartnerCenterProperties.class).requireCredentials();
            AuditTrail trail = context.getBean(AuditTrail.class);
            if (run != null && !trail.runExists(run)) {
                throw new UsageException("there is no execution " + run + " (see `runs`)");
            }
            int flagged = trail.reflagFailed(run);
            parent.cli.out().printf("Flagged %d FAILED reports again%n", flagged);
            RunReport report = context.getBean(ResumeRuns.class).run();
            RunSummary.print(report, parent.cli.out());
            return report.exitCode();
        }
    }
}
