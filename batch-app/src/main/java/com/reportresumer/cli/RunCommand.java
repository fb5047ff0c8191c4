package com.reportresumer.cli;

import com.reportresumer.resume.ResumeRuns;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs one job execution: resumes every PENDING request now, then prints a summary.")
class RunCommand implements Callable<Integer> {

    @ParentCommand
    ReportResumerCommand parent;

    @Override
    public Integer call() throws Exception {
        return parent.cli.run(ContextSpec.batch().requiringCredentials(),
                context -> RunSummary.print(context.getBean(ResumeRuns.class).run(), parent.cli.out()));
    }
}
