package com.reportresumer.cli;

import com.reportresumer.audit.AuditTrail;
import com.reportresumer.resume.ResumeRuns;
import java.util.concurrent.Callable;
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
    public Integer call() throws Exception {
        return parent.cli.run(ContextSpec.batch().requiringCredentials(), context -> {
            AuditTrail trail = context.getBean(AuditTrail.class);
            if (run != null && !trail.runExists(run)) {
                throw new UsageException("there is no execution " + run + " (see `runs`)");
            }
            int flagged = trail.reflagFailed(run);
            parent.cli.out().printf("Flagged %d FAILED reports again%n", flagged);
            return RunSummary.print(context.getBean(ResumeRuns.class).run(), parent.cli.out());
        });
    }
}
