package com.reportresumer.cli;

import com.reportresumer.resume.ResumeRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "restart", mixinStandardHelpOptions = true,
        header = "Continues a failed, stopped or crashed execution.",
        description = { "Continues a failed, stopped or crashed execution from its last committed chunk.",
                "An execution left STARTED by a killed process is recovered first." })
class RestartCommand extends Subcommand implements Subcommand.RunsTheJob {

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXECUTION_ID",
            description = "the execution to continue (default: the latest)")
    Long executionId;

    @Override
    public Integer call() throws Exception {
        return inContext(ContextSpec.batch().requiringCredentials(),
                context -> RunSummary.print(context.getBean(ResumeRuns.class).restart(executionId), out()));
    }
}
