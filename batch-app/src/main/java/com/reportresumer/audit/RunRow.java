package com.reportresumer.audit;

import com.reportresumer.resume.ResumeOutcome;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One execution as {@code runs} shows it: its times (UTC), its batch status and the exit code it ended with (the
 * command line's, README Exit codes; null while it runs), the execution it restarted and the one that restarted
 * it, and its count of audit rows for every {@link ResumeOutcome}. The counts are keyed by the enum, never one
 * field per outcome, so every format renders a new outcome without a change here.
 *
 * @param durationMs how long it ran: to its end; for one found left running by a process that is gone
 *        ({@code recovered}), to its last audit row (its end time is when it was found); for a running one, so far
 * @param pendingNow while it runs, the requests still {@code PENDING}; null once it has ended
 * @param takenOver for one a standby instance took over, {@code taken over by <instance> from <instance>}; else null
 */
public record RunRow(long jobExecutionId, OffsetDateTime startTime, OffsetDateTime endTime, Long durationMs,
        String status, Integer exitCode, boolean recovered, Long restartOf, Long restartedAs, long total,
        Map<ResumeOutcome, Long> counts, Long pendingNow, String takenOver) {

    /** The columns of every format, in order. */
    public static final List<String> COLUMNS;

    static {
        List<String> columns = new ArrayList<>(List.of("job_execution_id", "start_time", "end_time", "duration_ms",
                "status", "exit_code", "recovered", "restart_of", "restarted_as", "total"));
        for (ResumeOutcome outcome : ResumeOutcome.values()) {
            columns.add(outcome.column());
        }
        columns.add("pending_now");
        columns.add("taken_over");
        COLUMNS = Collections.unmodifiableList(columns);
    }

    public RunRow {
        counts = ResumeOutcome.everyOutcome(counts);
    }

    public long count(ResumeOutcome outcome) {
        return counts.get(outcome);
    }

    public boolean running() {
        return exitCode == null;
    }

    /** The row as {@link #COLUMNS} name its values, in that order. */
    public Map<String, Object> columns() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("job_execution_id", jobExecutionId);
        row.put("start_time", startTime);
        row.put("end_time", endTime);
        row.put("duration_ms", durationMs);
        row.put("status", status);
        row.put("exit_code", exitCode);
        row.put("recovered", recovered);
        row.put("restart_of", restartOf);
        row.put("restarted_as", restartedAs);
        row.put("total", total);
        counts.forEach((outcome, n) -> row.put(outcome.column(), n));
        row.put("pending_now", pendingNow);
        row.put("taken_over", takenOver);
        return row;
    }

    /** What the table says beside the figures: lineage, how it ended, progress. Empty when there is nothing. */
    public String note() {
        List<String> notes = new ArrayList<>();
        if (running()) {
            notes.add("running, " + pendingNow + " pending");
        }
        if (takenOver != null) {
            notes.add(takenOver + "; duration to its last audit row");
        }
        else if (recovered) {
            notes.add("its process died; duration to its last audit row");
        }
        if (restartOf != null) {
            notes.add("restart of " + restartOf);
        }
        if (restartedAs != null) {
            notes.add("continued as " + restartedAs);
        }
        return String.join("; ", notes);
    }
}
