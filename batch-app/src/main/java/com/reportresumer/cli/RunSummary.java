package com.reportresumer.cli;

import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.resume.RunReport;
import com.reportresumer.text.Durations;
import com.reportresumer.text.Plural;
import java.io.PrintWriter;

/** The one-screen summary printed after {@code run}, {@code restart}, {@code rerun-failed} and {@code demo}. */
public final class RunSummary {

    private RunSummary() {
    }

    /** Prints the summary of {@code report}, and returns its exit code: what the command that ran it exits with. */
    public static int print(RunReport report, PrintWriter out) {
        out.printf("Execution %d %s in %s: %s processed%n", report.executionId(), report.status(),
                Durations.elapsed(report.duration().toMillis()), Plural.of(report.processed(), "request"));
        for (ResumeOutcome outcome : ResumeOutcome.values()) {
            out.printf("  %-11s %8d%n", outcome, report.counts().get(outcome));
        }
        if (report.throttling() != null) {
            out.printf("The API throttled the run: %s.%n", report.throttling().replaceFirst("^throttled: ", ""));
        }
        switch (report.exitCode()) {
            case ExitCodes.OK -> out.println("Every request processed was resumed.");
            case ExitCodes.NOT_ALL_RESUMED -> out.printf(
                    "Some requests were not resumed: see `audit --run %d` (FAILED ones can be retried with "
                            + "`rerun-failed`).%n", report.executionId());
            default -> out.printf("The run did not complete: %s%nFix the cause, then %s with the requests still "
                    + "PENDING.%n", report.failure(), RunReport.continuedBy(report.executionId()));
        }
        out.flush();
        return report.exitCode();
    }
}
