package com.reportresumer.audit;

import com.reportresumer.resume.ResumeOutcome;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One execution as {@code audit_run_summary} shows it: its times (UTC), status and exit code, and its count of
 * audit rows for every {@link ResumeOutcome}. The counts are keyed by the enum, never one field per outcome, so
 * every format renders a new outcome without a change here.
 */
public record RunRow(long jobExecutionId, OffsetDateTime startTime, OffsetDateTime endTime, Long durationMs,
        String status, String exitCode, long total, Map<ResumeOutcome, Long> counts) {

    /** The columns of every format, in order: the database's names ({@code audit_run_summary}). */
    public static final List<String> COLUMNS;

    static {
        List<String> columns = new ArrayList<>(List.of("job_execution_id", "start_time", "end_time", "duration_ms",
                "status", "exit_code", "total"));
        for (ResumeOutcome outcome : ResumeOutcome.values()) {
            columns.add(column(outcome));
        }
        COLUMNS = Collections.unmodifiableList(columns);
    }

    public RunRow {
        EnumMap<ResumeOutcome, Long> all = new EnumMap<>(ResumeOutcome.class);
        for (ResumeOutcome outcome : ResumeOutcome.values()) {
            all.put(outcome, counts.getOrDefault(outcome, 0L));
        }
        counts = Collections.unmodifiableMap(all);
    }

    /** The column of {@code audit_run_summary} that counts {@code outcome}. */
    public static String column(ResumeOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    public long count(ResumeOutcome outcome) {
        return counts.get(outcome);
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
        row.put("total", total);
        counts.forEach((outcome, n) -> row.put(column(outcome), n));
        return row;
    }
}
