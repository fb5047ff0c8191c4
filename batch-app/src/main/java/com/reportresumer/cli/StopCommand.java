package com.reportresumer.cli;

import com.reportresumer.resume.StopRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stop}: asks the running execution, wherever it runs, to stop gracefully ({@link StopRequests}): no new
 * call, the calls in flight return and are committed, and it ends {@code STOPPED}, restartable with {@code restart}.
 * Returns at once; {@code runs} shows when it has stopped. Exit 0 when asked (or asked before), 2 when nothing of
 * the kind runs.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
        header = "Asks the running execution to stop (restartable).",
        description = "Asks the running execution, on whichever host it runs, to stop: it starts no new call, "
                + "commits the calls in flight and ends STOPPED; `restart` continues it. Returns at once. Exit 2 "
                + "when no execution (or not the one given) is running.")
class StopCommand extends Subcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXECUTION_ID",
            description = "the execution to stop (default: the one running)")
    Long executionId;

    @Option(names = "--by", description = "who asks, for the running process's log (default: the OS user)")
    String by = System.getProperty("user.name");

    @Override
    public Integer call() throws Exception {
        return inContext(ContextSpec.database(), context -> {
            StopRequests.Answer answer = context.getBean(StopRequests.class).ask(executionId,
                    by == null || by.isBlank() ? "unknown" : by);
            if (answer instanceof StopRequests.NotRunning none) {
                throw new UsageException(none.why());
            }
            if (answer instanceof StopRequests.AlreadyAsked already) {
                out().printf("stop already requested: execution %d, by %s at %s%n", already.executionId(),
                        OutputFormat.printable(already.by()), OutputFormat.time(already.at()));
            }
            else if (answer instanceof StopRequests.Asked asked) {
                out().printf("stop requested: execution %d (run by %s) stops after its calls in flight%n",
                        asked.executionId(), OutputFormat.printable(asked.owner()));
            }
            out().flush();
            return ExitCodes.OK;
        });
    }
}
