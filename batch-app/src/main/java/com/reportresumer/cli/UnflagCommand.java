package com.reportresumer.cli;

import com.reportresumer.flag.RequestQueue;
import com.reportresumer.flag.RequestRow;
import com.reportresumer.flag.Withdrawal;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code unflag}: takes flags back before a run takes them. The request becomes {@code WITHDRAWN} with who, when and
 * why, never deleted, so the report's story keeps it; the report may be flagged again.
 * <p>
 * The exit code is 0 when nothing given is left {@code PENDING} by this command's fault: every flag withdrawn now
 * or before. A malformed ID, or one with no flag to withdraw (never flagged, or already answered by a run), exits 2:
 * it may be a typo, and the report the operator meant would then be resumed tonight.
 */
@Command(name = "unflag", mixinStandardHelpOptions = true,
        header = "Withdraws PENDING flags (never deletes them).",
        description = { "Withdraws PENDING flags: no run resumes them. Nothing is deleted: the request becomes "
                + "WITHDRAWN, with who, when and why; the report may be flagged again.",
                "Exit 2 when an ID is malformed or has no PENDING flag (the others are withdrawn)." })
class UnflagCommand extends Subcommand {

    @Parameters(paramLabel = "REPORT_ID", arity = "1..*", description = "report IDs (UUIDs)")
    List<String> reportIds;

    @Mixin
    WhoAndWhy asker;

    @Override
    public Integer call() throws Exception {
        return inContext(ContextSpec.database(), context -> {
            RequestQueue queue = context.getBean(RequestQueue.class);
            Withdrawal result = queue.withdraw(reportIds, asker.by, asker.reason);
            long already = result.notPending().stream().filter(Withdrawal.NotPending::alreadyWithdrawn).count();
            PrintWriter out = out();
            out.printf("%d withdrawn, %d already withdrawn, %d not pending, %d malformed%n", result.withdrawn().size(),
                    already, result.notPending().size() - already, result.malformed().size());
            for (RequestRow r : result.withdrawn()) {
                out.println("  withdrawn: " + OutputFormat.printable(r.reportId()) + " (request " + r.id()
                        + ", flagged " + OutputFormat.time(r.requestedAt()) + " by "
                        + OutputFormat.printable(r.requestedBy()) + ")");
            }
            for (Withdrawal.NotPending n : result.notPending()) {
                out.println("  " + (n.alreadyWithdrawn() ? "already withdrawn: " : "not pending: ") + n.reportId()
                        + ": " + n.latest().map(UnflagCommand::why).orElse("never flagged"));
            }
            for (String malformed : result.malformed()) {
                out.println("  malformed (not a UUID): " + OutputFormat.printable(malformed));
            }
            out.flush();
            OptionalLong running = result.withdrawn().isEmpty() ? OptionalLong.empty() : queue.runningExecution();
            if (running.isPresent()) {
                tell("execution " + running.getAsLong() + " is running: a request it read before the withdrawal is "
                        + "still resumed, and its flag then shows the outcome beside the withdrawal (`audit --report "
                        + "ID` tells)");
            }
            if (result.unmet() > 0) {
                tell(result.unmet() + " of the IDs withdrew nothing (malformed, never flagged, or already "
                        + "answered by a run: listed above)");
                return ExitCodes.USAGE;
            }
            return ExitCodes.OK;
        });
    }

    /** What became of the report's latest flag, for an ID with nothing to withdraw. */
    private static String why(RequestRow latest) {
        return switch (latest.status()) {
            case "WITHDRAWN" -> "request " + latest.id() + ", " + OutputFormat.time(latest.withdrawnAt()) + " by "
                    + OutputFormat.printable(latest.withdrawnBy());
            case "PENDING" -> "flagged again meanwhile (request " + latest.id() + "): unflag it again";
            default -> "its latest flag, request " + latest.id() + ", is " + latest.status()
                    + (latest.lastOutcome() == null ? "" : " (" + latest.lastOutcome() + " in execution "
                            + latest.lastJobExecutionId() + ")")
                    + ": too late to withdraw";
        };
    }
}
