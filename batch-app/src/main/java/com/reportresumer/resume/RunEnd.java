package com.reportresumer.resume;

import com.reportresumer.failure.Causes;
import com.reportresumer.partnercenter.PartnerCenterException;
import com.reportresumer.secrets.Secrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How an execution ended, read one way for everyone who tells it: the command's summary ({@link ResumeRuns#report}),
 * the console's answer to an action and the webhook, so that the terminal and the chat say the same.
 */
public final class RunEnd {

    private RunEnd() {
    }

    /**
     * The execution's count of requests per outcome, every outcome present: its row of {@code audit_run_summary},
     * whose columns are the outcomes' names (all zero when it has no audit row yet).
     */
    public static Map<ResumeOutcome, Long> countsOf(JdbcTemplate jdbc, long executionId) {
        List<Map<ResumeOutcome, Long>> row = jdbc.query("SELECT * FROM audit_run_summary WHERE job_execution_id = ?",
                (rs, i) -> countsIn(rs), executionId);
        return row.isEmpty() ? ResumeOutcome.everyOutcome(Map.of()) : row.get(0);
    }

    /** The counts per outcome of the current row of a result with {@code audit_run_summary}'s outcome columns. */
    public static Map<ResumeOutcome, Long> countsIn(ResultSet row) throws SQLException {
        Map<ResumeOutcome, Long> counts = new EnumMap<>(ResumeOutcome.class);
        for (ResumeOutcome outcome : ResumeOutcome.values()) {
            counts.put(outcome, row.getLong(outcome.column()));
        }
        return counts;
    }

    /**
     * Why an execution that did not complete ended, in one line a person can act on, secrets redacted: the sentence
     * of an outage, an API failure (refused credentials among them) or a lost run lock, wherever it is in the
     * execution's failures (each says what happened and what to do); else the root cause of a failure (Spring Batch
     * keeps them in a set: of several, any); a stop on request (an operator's {@code stop}, SIGTERM, the console) or a
     * database that went away says so; else the exit description. Null when it completed.
     */
    public static String reasonOf(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return null;
        }
        return Secrets.oneLine(reason(execution));
    }

    private static String reason(JobExecution execution) {
        Throwable root = null;
        for (Throwable failure : execution.getAllFailureExceptions()) {
            List<Throwable> causes = Causes.of(failure);
            for (Throwable t : causes) {
                if (t instanceof OutageGuard.OutageException || t instanceof PartnerCenterException
                        || t instanceof RunLock.LostException) {
                    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
                }
            }
            if (root == null && !(failure instanceof JobInterruptedException)) {
                root = causes.get(causes.size() - 1);
            }
        }
        if (root != null) {
            return root.getMessage() == null ? root.getClass().getSimpleName()
                    : root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return "stopped on request after its last committed chunk";
        }
        if (execution.getStatus() == BatchStatus.UNKNOWN) {
            return "its end could not be saved (the database went away)";
        }
        String description = execution.getExitStatus().getExitDescription();
        return description == null || description.isBlank() ? execution.getExitStatus().getExitCode() : description;
    }
}
