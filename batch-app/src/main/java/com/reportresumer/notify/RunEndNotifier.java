package com.reportresumer.notify;

import com.reportresumer.audit.RunRow;
import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.resume.RunReport;
import com.reportresumer.secrets.Secrets;
import com.reportresumer.text.UntrustedText;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells the webhook of every execution that ends in this process, however it was started ({@code run},
 * {@code restart}, {@code rerun-failed}, the console's rerun, {@code schedule}'s nights and takeovers) and however it
 * ended ({@code COMPLETED}, {@code STOPPED}, {@code FAILED}, or {@code UNKNOWN} when the database went away). A job
 * listener rather than a step of the commands: the job ends the same way whoever started it.
 * <p>
 * {@link #afterJob} only notes what the execution holds in memory (status, times, why it failed) and hands the rest
 * to the {@link Webhook}'s thread, which reads the counts per outcome from {@code audit_run_summary} (as
 * {@code runs} does) and posts: the run's end is not delayed by a query, and its timing and exit code are those of
 * the run alone. An execution killed outright (SIGKILL, a lost host) tells nothing; {@link NoSuccessWatch} is for
 * that.
 */
@Component
class RunEndNotifier implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunEndNotifier.class);
    /** The longest reason the line quotes: it is a chat message, the audit has the rest. */
    private static final int MAX_REASON = 300;

    private final Webhook webhook;
    private final JdbcTemplate jdbc;
    private final NotifyProperties properties;

    RunEndNotifier(Webhook webhook, JdbcTemplate jdbc, NotifyProperties properties) {
        this.webhook = webhook;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (!webhook.configured()) {
            return;
        }
        long id = execution.getId();
        BatchStatus status = execution.getStatus();
        Instant started = instant(execution.getStartTime());
        Instant ended = execution.getEndTime() == null ? Instant.now() : instant(execution.getEndTime());
        Duration duration = started == null ? Duration.ZERO : Duration.between(started, ended);
        String reason = status == BatchStatus.COMPLETED ? null : reasonOf(execution);
        String link = properties.runLink(id).orElse(null);
        webhook.submit(() -> {
            Map<ResumeOutcome, Long> counts = countsOf(id);
            int exitCode = counts == null ? RunReport.FAILED_RESTARTABLE
                    : RunReport.exitCodeOf(status, counts.values().stream().mapToLong(Long::longValue).sum(),
                            counts.get(ResumeOutcome.RESUMED)).orElse(RunReport.FAILED_RESTARTABLE);
            return new RunEnded(id, status.name(), exitCode, counts, started, ended, duration, reason, link);
        });
    }

    /** The execution's count per outcome, as {@code runs} reads it; null when the database cannot be read. */
    private Map<ResumeOutcome, Long> countsOf(long id) {
        try {
            Map<ResumeOutcome, Long> counts = new EnumMap<>(ResumeOutcome.class);
            jdbc.query("SELECT * FROM audit_run_summary WHERE job_execution_id = ?", rs -> {
                for (ResumeOutcome outcome : ResumeOutcome.values()) {
                    counts.put(outcome, rs.getLong(RunRow.column(outcome)));
                }
            }, id);
            return counts;
        }
        catch (DataAccessException gone) {
            log.debug("Execution {}: its counts could not be read for the notification: {}", id,
                    gone.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Why an execution that did not complete ended, in one line: the first failure's own sentence (ours say what
     * happened and what to do: an outage, refused credentials, a lost run lock), else its root cause.
     */
    private static String reasonOf(JobExecution execution) {
        for (Throwable failure : execution.getAllFailureExceptions()) {
            if (failure instanceof JobInterruptedException) {
                continue;
            }
            Throwable chosen = null;
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t.getClass().getName().startsWith("com.reportresumer.")) {
                    chosen = t;
                    break;
                }
                chosen = t;
            }
            String message = chosen.getMessage() == null ? chosen.getClass().getSimpleName()
                    : chosen.getClass().getName().startsWith("com.reportresumer.") ? chosen.getMessage()
                    : chosen.getClass().getSimpleName() + ": " + chosen.getMessage();
            return UntrustedText.cut(Secrets.redact(UntrustedText.oneLine(message)), MAX_REASON);
        }
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return "stopped on request after its last committed chunk; `restart` continues it";
        }
        return execution.getStatus() == BatchStatus.UNKNOWN ? "its end could not be saved (the database went away)"
                : null;
    }

    private static Instant instant(LocalDateTime time) {
        // Spring Batch's times are the JVM's local time (UTC in every deployment, and in Main)
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }
}
