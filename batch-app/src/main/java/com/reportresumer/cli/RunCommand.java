package com.reportresumer.cli;

import com.reportresumer.flag.RunPlan;
import com.reportresumer.resume.ResumeRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Resumes every PENDING request now, then prints a summary.",
        description = { "Runs one job execution: resumes every PENDING request now, then prints a summary.",
                "With --dry-run, prints what the run would take instead (the PENDING requests in its order, which IDs"
                        + " are malformed) and resumes nothing; --check adds each report's status as the API lists it"
                        + " now and the outcome that leads to." })
class RunCommand extends Subcommand implements Subcommand.RunsTheJob {

    @Option(names = "--dry-run", description = "print the plan; resume nothing, write nothing")
    boolean dryRun;

    @Option(names = "--check", description = "with --dry-run: read each report's status from the API's listing")
    boolean check;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() throws Exception {
        if (check && !dryRun) {
            throw new UsageException("--check goes with --dry-run (a run reads each report's status by resuming it)");
        }
        if (!dryRun && output.format != OutputFormat.TABLE) {
            throw new UsageException("--format goes with --dry-run (a run prints its summary)");
        }
        if (dryRun) {
            ContextSpec spec = check ? ContextSpec.batch().requiringCredentials() : ContextSpec.batch();
            return inContext(spec, context -> {
                output.format.printPlan(context.getBean(RunPlan.class).plan(check), out());
                return ExitCodes.OK;
            });
        }
        return inContext(ContextSpec.batch().requiringCredentials(),
                context -> RunSummary.print(context.getBean(ResumeRuns.class).run(), out()));
    }
}
