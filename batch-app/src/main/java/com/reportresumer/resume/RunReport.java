package com.reportresumer.resume;

import com.reportresumer.text.UntrustedText;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.batch.core.BatchStatus;

/**
 * How one execution ended: its status, why it failed (if it did), its count of requests per outcome, and how much
 * the API throttled it ({@link JobPace.Summary#describe()}; null when it did not, or when the execution did not run in
 * this process). The failure is printed as it is; it may quote an answer of the API, so it is made one safe line here.
 */
public record RunReport(long executionId, BatchStatus status, String failure, Duration duration,
        Map<ResumeOutcome, Long> counts, String throttling) {

    /** The exit codes (README, Exit codes) that a run decides (the command line's {@code ExitCodes} adds the others). */
    public static final int ALL_RESUMED = 0, FAILED_RESTARTABLE = 1, SOME_NOT_RESUMED = 3;

    public RunReport {
        failure = UntrustedText.oneLine(failure);
        counts = ResumeOutcome.everyOutcome(counts); // in the enum's order, for logs and summaries
    }

    /**
     * What continues execution {@code executionId} when it did not complete: the summary's and the webhook's next
     * step, in the same words.
     */
    public static String continuedBy(long executionId) {
        return "`restart " + executionId + "` continues it";
    }

    /** Whether {@link #continuedBy} applies: the execution stopped or failed (its end saved, so it can restart). */
    public static boolean continues(BatchStatus status) {
        return status == BatchStatus.STOPPED || status == BatchStatus.FAILED;
    }

    public long processed() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public int exitCode() {
        // a report is made once the execution has ended; were it still running, it would not have succeeded
        return exitCodeOf(status, processed(), counts.get(ResumeOutcome.RESUMED)).orElse(FAILED_RESTARTABLE);
    }

    /**
     * The exit code of an execution that ended {@code status} having processed {@code processed} requests,
     * {@code resumed} of them {@code RESUMED}; empty while it is still running. The one rule, for the run that ends
     * and for {@code runs} that shows it later.
     */
    public static OptionalInt exitCodeOf(BatchStatus status, long processed, long resumed) {
        if (status.isRunning()) {
            return OptionalInt.empty();
        }
        if (status != BatchStatus.COMPLETED) {
            return OptionalInt.of(FAILED_RESTARTABLE);
        }
        return OptionalInt.of(processed == resumed ? ALL_RESUMED : SOME_NOT_RESUMED);
    }
}
