package com.reportresumer.notify;

import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.resume.RunEnd;
import com.reportresumer.resume.RunReport;
import com.reportresumer.text.UntrustedText;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
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
        String reason = reasonOf(execution);
        String link = properties.runLink(id).orElse(null);
        webhook.submit(() -> {
            Map<ResumeOutcome, Long> counts = countsOf(id);
            int exitCode = counts == null ? RunReport.FAILED_RESTARTABLE
                    : RunReport.exitCodeOf(status, counts.values().stream().mapToLong(Long::longValue).sum(),
                            counts.get(ResumeOutcome.RESUMED)).orElse(RunReport.FAILED_RESTARTABLE);
            return new RunEnded(id, status, exitCode, counts, started, ended, duration, reason, link);
        });
    }

    /** The execution's count per outcome, as {@code runs} reads it; null when the database cannot be read. */
    private Map<ResumeOutcome, Long> countsOf(long id) {
        try {
            return RunEnd.countsOf(jdbc, id);
        }
        catch (DataAccessException gone) {
            log.debug("Execution {}: its counts could not be read for the notification: {}", id,
                    gone.getClass().getSimpleName());
            return null;
        }
    }

    /** Why it ended, as the command's summary says it, cut to a chat message's length (the audit has the rest). */
    private static String reasonOf(JobExecution execution) {
        String reason = RunEnd.reasonOf(execution);
        return reason == null ? null : UntrustedText.cut(reason, MAX_REASON);
    }

    private static Instant instant(LocalDateTime time) {
        // Spring Batch's times are the JVM's local time (UTC in every deployment, and in Main)
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }
}
