package com.reportresumer.audit;

import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.resume.RunReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the audit trail and the run summaries (the ops views of {@code db/}) for ops staff. */
@Component
public class AuditTrail {

    private static final RowMapper<AuditRow> AUDIT_ROW = (rs, i) -> new AuditRow(rs.getLong("id"),
            rs.getObject("created_at", OffsetDateTime.class), nullableLong(rs, "job_execution_id"),
            nullableLong(rs, "request_id"), rs.getString("report_id"), rs.getString("outcome"),
            nullableInt(rs, "http_status"), nullableInt(rs, "api_status_code"), nullableInt(rs, "attempts"),
            rs.getBoolean("confirmed_by_read"), rs.getString("report_status"), nullableLong(rs, "duration_ms"), rs.getString("message"));

    /**
     * The executions, newest first, with their lineage (executions of one job instance are a run and its restarts),
     * whether they were recovered, their last audit row, and while one runs, what is still pending.
     */
    private static final String RUNS = """
            SELECT * FROM (
            SELECT s.*,
                   lag(s.job_execution_id) OVER instance AS restart_of,
                   lead(s.job_execution_id) OVER instance AS restarted_as,
                   coalesce(e.exit_message LIKE '%' || :recovered || '%', false) AS recovered,
                   substring(e.exit_message FROM :takenOver || ' [^;]+') AS taken_over,
                   (SELECT max(a.created_at) FROM resume_audit a WHERE a.job_execution_id = s.job_execution_id)
                       AS last_audit_at,
                   CASE WHEN s.status IN ('STARTING', 'STARTED', 'STOPPING')
                        THEN (SELECT count(*) FROM resume_request r WHERE r.status = 'PENDING') END AS pending_now,
                   now() AS now
              FROM audit_run_summary s
              JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
            WINDOW instance AS (PARTITION BY e.job_instance_id ORDER BY s.job_execution_id)
            ) runs
             WHERE CAST(:run AS bigint) IS NULL OR job_execution_id = :run
             ORDER BY job_execution_id DESC
             LIMIT :limit""";

    /**
     * The failures of one execution grouped by what they say: a UUID in a message (the report's own ID, mostly)
     * reads {@code <id>}, so the same failure of many reports is one group.
     */
    private static final String FAILURE_GROUPS = """
            SELECT outcome, http_status, message, count(*) AS reports, min(report_id) AS example
              FROM (SELECT outcome, http_status, report_id,
                           regexp_replace(coalesce(message, ''),
                               '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
                               '<id>', 'g') AS message
                      FROM resume_audit
                     WHERE job_execution_id = :run AND outcome <> 'RESUMED') f
             GROUP BY outcome, http_status, message
             ORDER BY count(*) DESC, outcome, message
             LIMIT :limit""";

    private static RunRow runRow(ResultSet rs, int rowNum) throws SQLException {
        OffsetDateTime start = utc(rs.getTimestamp("start_time"));
        OffsetDateTime end = utc(rs.getTimestamp("end_time"));
        Map<ResumeOutcome, Long> counts = new EnumMap<>(ResumeOutcome.class);
        for (ResumeOutcome outcome : ResumeOutcome.values()) {
            counts.put(outcome, rs.getLong(RunRow.column(outcome)));
        }
        long total = rs.getLong("total");
        BatchStatus status = BatchStatus.valueOf(rs.getString("status"));
        OptionalInt exit = RunReport.exitCodeOf(status, total, counts.get(ResumeOutcome.RESUMED));
        boolean recovered = rs.getBoolean("recovered");
        OffsetDateTime until = exit.isEmpty() ? rs.getObject("now", OffsetDateTime.class)
                : recovered ? rs.getObject("last_audit_at", OffsetDateTime.class) : end;
        Long duration = start == null || until == null ? null : Duration.between(start, until).toMillis();
        return new RunRow(rs.getLong("job_execution_id"), start, end, duration, status.name(),
                exit.isEmpty() ? null : exit.getAsInt(), recovered, nullableLong(rs, "restart_of"),
                nullableLong(rs, "restarted_as"), total, counts, exit.isEmpty() ? nullableLong(rs, "pending_now") : null,
                rs.getString("taken_over"));
    }

    private final NamedParameterJdbcTemplate jdbc;

    AuditTrail(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The latest {@code limit} rows matching the query, oldest first; with {@code latestOnly}, the filters apply to
     * each report's latest row (a report that failed and was resumed since is not among the failures).
     */
    public List<AuditRow> find(AuditQuery query) {
        List<String> where = new ArrayList<>();
        MapSqlParameterSource params = new MapSqlParameterSource("limit", query.limit());
        if (query.runId() != null) {
            where.add("job_execution_id = :run");
            params.addValue("run", query.runId());
        }
        if (query.reportId() != null) {
            where.add("normalised_report_id(report_id) = normalised_report_id(:report)");
            params.addValue("report", query.reportId());
        }
        if (!query.outcomes().isEmpty()) {
            where.add("outcome IN (:outcomes)");
            params.addValue("outcomes", query.outcomes().stream().map(Enum::name).toList());
        }
        if (query.since() != null) {
            where.add("created_at >= :since");
            params.addValue("since", OffsetDateTime.ofInstant(query.since(), java.time.ZoneOffset.UTC));
        }
        if (query.until() != null) {
            where.add("created_at < :until");
            params.addValue("until", OffsetDateTime.ofInstant(query.until(), java.time.ZoneOffset.UTC));
        }
        String sql = "SELECT * FROM " + (query.latestOnly() ? "audit_latest" : "resume_audit")
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC LIMIT :limit";
        List<AuditRow> rows = new ArrayList<>(jdbc.query(sql, params, AUDIT_ROW));
        Collections.reverse(rows);
        return rows;
    }

    /** The {@code n} slowest calls of an execution. */
    public List<AuditRow> slowest(long runId, int n) {
        return jdbc.query("SELECT * FROM resume_audit WHERE job_execution_id = :run AND duration_ms IS NOT NULL "
                + "ORDER BY duration_ms DESC, id LIMIT :n", new MapSqlParameterSource("run", runId).addValue("n", n),
                AUDIT_ROW);
    }

    /** The latest {@code limit} executions, newest first. */
    public List<RunRow> runs(int limit) {
        return jdbc.query(RUNS, new MapSqlParameterSource("limit", limit).addValue("run", null, java.sql.Types.BIGINT)
                .addValue("recovered", ResumeRuns.RECOVERED).addValue("takenOver", ResumeRuns.TAKEN_OVER),
                AuditTrail::runRow);
    }

    /** One execution as {@link #runs} shows it; empty when there is no such execution. */
    public java.util.Optional<RunRow> run(long runId) {
        return jdbc.query(RUNS, new MapSqlParameterSource("limit", 1).addValue("run", runId)
                .addValue("recovered", ResumeRuns.RECOVERED).addValue("takenOver", ResumeRuns.TAKEN_OVER),
                AuditTrail::runRow).stream().findFirst();
    }

    /**
     * What the owner of a running execution last wrote on its lease ({@code run_owner}): who runs it, its count of
     * calls answered and of 429s as of its last chunk (null before its first), and a stop asked for, if any.
     */
    public record Lease(long jobExecutionId, String owner, Long answers, Long throttledAnswers,
            String stopRequestedBy, OffsetDateTime stopRequestedAt) {
    }

    /** The leases of the executions running now, newest first. */
    public List<Lease> leases() {
        return jdbc.query("""
                SELECT job_execution_id, owner_host || '/' || owner_pid AS owner, answers, throttled_answers,
                       stop_requested_by, stop_requested_at
                  FROM run_owner ORDER BY job_execution_id DESC""", (rs, i) -> new Lease(rs.getLong(1),
                rs.getString(2), nullableLong(rs, "answers"), nullableLong(rs, "throttled_answers"), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class)));
    }

    /** A group of failures of one execution: one outcome, HTTP status and message, how many reports, one of them. */
    public record FailureGroup(String outcome, Integer httpStatus, String message, long reports, String example) {
    }

    /** The failures of execution {@code runId} grouped by message (a UUID in it reads {@code <id>}), largest first. */
    public List<FailureGroup> failureGroups(long runId, int limit) {
        return jdbc.query(FAILURE_GROUPS, new MapSqlParameterSource("run", runId).addValue("limit", limit),
                (rs, i) -> new FailureGroup(rs.getString("outcome"), nullableInt(rs, "http_status"),
                        rs.getString("message"), rs.getLong("reports"), rs.getString("example")));
    }

    /**
     * The reports flagged or audited whose ID starts with {@code prefix} (any case, surrounding whitespace ignored),
     * as they were typed, at most {@code limit}, in ID order: a search by part of an ID.
     */
    public List<String> reportIdsStartingWith(String prefix, int limit) {
        String pattern = prefix.strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return jdbc.queryForList("""
                SELECT min(report_id) FROM (SELECT report_id FROM resume_request UNION ALL
                                            SELECT report_id FROM resume_audit) ids
                 WHERE normalised_report_id(report_id) LIKE :pattern
                 GROUP BY normalised_report_id(report_id)
                 ORDER BY normalised_report_id(report_id)
                 LIMIT :limit""", new MapSqlParameterSource("pattern", pattern).addValue("limit", limit), String.class);
    }

    public boolean runExists(long runId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM batch_job_execution WHERE job_execution_id = :run",
                new MapSqlParameterSource("run", runId), Integer.class);
        return n != null && n > 0;
    }

    /**
     * Flags again every report whose latest outcome is {@code FAILED} (only those that failed in {@code runId}, when
     * given); a report already pending is left alone, and so is one whose flag was withdrawn after that failure:
     * someone decided since that it is not to be resumed. Returns how many were flagged.
     */
    public int reflagFailed(Long runId) {
        String sql = """
                INSERT INTO resume_request (report_id, requested_by, reason)
                SELECT l.report_id, 'rerun-failed', 'rerun of FAILED in execution ' || l.job_execution_id
                  FROM audit_latest l
                 WHERE l.outcome = 'FAILED' AND (CAST(:run AS bigint) IS NULL OR l.job_execution_id = :run)
                   AND NOT EXISTS (SELECT 1 FROM resume_request w
                                    WHERE w.status = 'WITHDRAWN' AND w.id > coalesce(l.request_id, 0)
                                      AND normalised_report_id(w.report_id) = normalised_report_id(l.report_id))
                ON CONFLICT (normalised_report_id(report_id)) WHERE status = 'PENDING' DO NOTHING""";
        return jdbc.update(sql, new MapSqlParameterSource("run", runId));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** Spring Batch's zone-less times are the JVM's, which the application sets to UTC. */
    private static OffsetDateTime utc(Timestamp time) {
        return time == null ? null : time.toLocalDateTime().atOffset(ZoneOffset.UTC);
    }
}
