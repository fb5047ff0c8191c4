package com.reportresumer.cli;

import com.reportresumer.audit.AuditTrail;
import com.reportresumer.flag.RerunFailed;
import com.reportresumer.resume.RunReport;
import com.reportresumer.text.Plural;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rerun-failed", mixinStandardHelpOptions = true,
        header = "Flags again what last FAILED, then runs.",
        description = { "Flags again the reports whose latest outcome is FAILED, then runs.",
                "To continue a crashed or failed execution instead, use `restart`." })
class RerunFailedCommand extends Subcommand implements Subcommand.RunsTheJob {

    @Mixin
    ExecutionOption execution;

    @Override
    public Integer call() throws Exception {
        return inContext(ContextSpec.batch().requiringCredentials(), context -> {
            Long run = execution.existing(context.getBean(AuditTrail.class));
            Optional<RunReport> report = context.getBean(RerunFailed.class).rerun(run, flagged -> {
                if (flagged > 0) {
                    out().println("Flagged " + Plural.of(flagged, "FAILED report") + " again");
                }
            });
            if (report.isEmpty()) {
                tell("no report" + (run == null ? "" : " of execution " + run) + " has FAILED as its latest outcome "
                        + "without being PENDING already: nothing to rerun, no execution started (`run` processes "
                        + "what is PENDING)");
                return ExitCodes.OK;
            }
            return RunSummary.print(report.get(), out());
        });
    }
}
