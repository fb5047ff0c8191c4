package com.reportresumer.cli;

import com.reportresumer.resume.ResumeRuns;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Resumes every PENDING request now, then prints a summary.",
        description = "Runs one job execution: resumes every PENDING request now, then prints a summary.")
class RunCommand extends Subcommand implements Subcommand.RunsTheJob {

    @Override
    public Integer call() throws Exception {
        return inContext(ContextSpec.batch().requiringCredentials(),
                context -> RunSummary.print(context.getBean(ResumeRuns.class).run(), out()));
    }
}
