package com.reportresumer.notify;

import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.resume.RunReport;
import com.reportresumer.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;

/**
 * An execution has ended: what {@code runs} would show of it, the moment it ends. {@code counts} is null when they
 * could not be read (the database went away with the run); otherwise it holds every {@link ResumeOutcome}, in the
 * enum's order, so that a new outcome is told without a change here.
 *
 * @param exitCode the exit code the command ends with (README, Exit codes)
 * @param reason why an execution that did not complete ended, in one line; null for a completed one
 * @param link the console's page of the execution; null without {@code resumer.notify.console-url}
 */
record RunEnded(long executionId, BatchStatus status, int exitCode, Map<ResumeOutcome, Long> counts, Instant startedAt,
        Instant endedAt, Duration duration, String reason, String link) implements Notification {

    RunEnded {
        if (counts != null) {
            counts = ResumeOutcome.everyOutcome(counts);
        }
    }

    long processed() {
        return counts == null ? 0 : counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "run_ended");
        body.put("execution_id", executionId);
        body.put("status", status.name());
        body.put("exit_code", exitCode);
        if (counts != null) {
            Map<String, Long> byOutcome = new LinkedHashMap<>();
            counts.forEach((outcome, n) -> byOutcome.put(outcome.name(), n));
            body.put("counts", byOutcome);
            body.put("processed", processed());
        }
        else {
            body.put("counts", null);
        }
        body.put("started_at", startedAt == null ? null : startedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("ended_at", endedAt == null ? null : endedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("duration_ms", duration.toMillis());
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    /**
     * {@code execution 42 FAILED (exit 1) in 52 min 03 s: 950 RESUMED, 50 FAILED — <reason> — `restart 42` continues
     * it}: the outcomes that occurred, in the enum's order; the last part for a run stopped or failed.
     */
    @Override
    public String line() {
        StringBuilder text = new StringBuilder(subject()).append(" (exit ").append(exitCode)
                .append(") in ").append(Durations.elapsed(duration.toMillis())).append(": ");
        if (counts == null) {
            text.append("counts unknown (the database could not be read)");
        }
        else {
            List<String> occurred = new ArrayList<>();
            counts.forEach((outcome, n) -> {
                if (n > 0) {
                    occurred.add(n + " " + outcome.name());
                }
            });
            text.append(occurred.isEmpty() ? "no requests" : String.join(", ", occurred));
        }
        if (reason != null) {
            text.append(" — ").append(reason);
        }
        if (RunReport.continues(status)) {
            // what the command's summary tells on its next line (not after an end that was not saved, nor after a
            // completed run whose counts could not be read: exit 1 there too, but nothing to restart)
            text.append(" — ").append(RunReport.continuedBy(executionId));
        }
        return text.toString();
    }

    @Override
    public String subject() {
        return "execution " + executionId + " " + status.name();
    }
}
