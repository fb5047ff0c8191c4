package com.reportresumer.audit;

import com.reportresumer.resume.ResumeOutcome;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.resume.RunEnd;
import com.reportresumer.resume.RunLock;
import com.reportresumer.resume.RunReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

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
     * whether they were recovered, their last audit row, and while one runs, what is still pending. The executions
     * are chosen first (their lineage from the batch metadata alone), and only theirs are counted: the counts of
     * audit_run_summary are a lateral subquery per execution (V14), an index-only scan of its rows.
     */
    static final String RUNS = """
            SELECT s.*, p.restart_of, p.restarted_as, p.recovered, p.taken_over,
                   (SELECT max(a.created_at) FROM resume_audit a WHERE a.job_execution_id = s.job_execution_id)
                       AS last_audit_at,
                   CASE WHEN s.status IN ('STARTING', 'STARTED', 'STOPPING')
                        THEN (SELECT count(*) FROM resume_request r WHERE r.status = 'PENDING') END AS pending_now,
                   now() AS now
              FROM (SELECT * FROM (
                    SELECT e.job_execution_id,
                           lag(e.job_execution_id) OVER instance AS restart_of,
                           lead(e.job_execution_id) OVER instance AS restarted_as,
                           coalesce(e.exit_message LIKE '%' || :recovered || '%', false) AS recovered,
                           substring(e.exit_message FROM :takenOver || ' [^;]+') AS taken_over
                      FROM batch_job_execution e
                    WINDOW instance AS (PARTITION BY e.job_instance_id ORDER BY e.job_execution_id)
                    ) lineage
                     WHERE CAST(:run AS bigint) IS NULL OR job_execution_id = :run
                     ORDER BY job_execution_id DESC
                     LIMIT :limit) p
              JOIN audit_run_summary s ON s.job_execution_id = p.job_execution_id
             ORDER BY s.job_execution_id DESC""";

    /**
     * The failures of one execution grouped by what they say: a UUID in a message (the report's own ID, mostly)
     * reads {@code <id>}, so the same failure of many reports is one group.
     */
    static final String FAILURE_GROUPS = """
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
        Map<ResumeOutcome, Long> counts = RunEnd.countsIn(rs);
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

    /** Rows fetched at a time by {@link #forEach}: an export holds no more than these in memory. */
    static final int FETCH_SIZE = 500;

    private final NamedParameterJdbcTemplate jdbc;
    /** The same database, fetching {@link #FETCH_SIZE} rows at a time (PostgreSQL does so within a transaction). */
    private final NamedParameterJdbcTemplate streaming;

    AuditTrail(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        JdbcTemplate fetching = new JdbcTemplate(jdbc.getJdbcTemplate().getDataSource());
        fetching.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(fetching);
    }

    /** A query's text and the values of its parameters, as each method below runs it (and a test explains it). */
    record Sql(String text, MapSqlParameterSource params) {
    }

    /**
     * The latest {@code limit} rows matching the query, oldest first; with {@code latestOnly}, the filters apply to
     * each report's latest row (a report that failed and was resumed since is not among the failures).
     */
    public List<AuditRow> find(AuditQuery query) {
        Sql sql = findSql(query);
        List<AuditRow> rows = new ArrayList<>(jdbc.query(sql.text(), sql.params(), AUDIT_ROW));
        Collections.reverse(rows);
        return rows;
    }

    static Sql findSql(AuditQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", query.limit());
        List<String> where = where(query, params);
        return new Sql(select("*", query, where) + " ORDER BY id DESC LIMIT :limit", params);
    }

    /**
     * What {@link #find} returns, as a range of IDs: its {@code count} rows lie between {@code floor} and
     * {@code top} (both null when there is none). Pinned to a {@code top}, the window stays the same while rows are
     * appended: the pages of one search, and an export, read that range.
     */
    public record Window(long count, Long floor, Long top) {

        public boolean isEmpty() {
            return count == 0;
        }
    }

    /**
     * The window of {@code query}: its latest {@code limit} rows with an ID of at most {@code top} (null: now's
     * latest). One pass over at most {@code limit} index entries, newest first.
     */
    public Window window(AuditQuery query, Long top) {
        Sql sql = windowSql(query, top);
        return jdbc.queryForObject(sql.text(), sql.params(), (rs, i) -> new Window(rs.getLong("n"),
                nullableLong(rs, "floor"), nullableLong(rs, "top")));
    }

    static Sql windowSql(AuditQuery query, Long top) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", query.limit());
        List<String> where = where(query, params);
        if (top != null) {
            where.add("id <= :top");
            params.addValue("top", top);
        }
        return new Sql("SELECT count(*) AS n, min(id) AS floor, max(id) AS top FROM (" + select("id", query, where)
                + " ORDER BY id DESC LIMIT :limit) w", params);
    }

    /**
     * One page of {@code window}, oldest first, keyset-paged: its first {@code size} rows; those just after row
     * {@code after}; or those just before row {@code before} (at most one of the two: {@code before} wins). One
     * index range per page, however deep, and a row appended meanwhile never moves another from its page (but with
     * {@code latestOnly}: a report's newer row takes its older one out of the latest). Returns
     * up to {@code size + 1} rows: one more than the page holds when there is a page beyond it in the direction it
     * was read (after it, or with {@code before}, before it: then the first row), which the page does not show.
     */
    public List<AuditRow> page(AuditQuery query, Window window, Long after, Long before, int size) {
        if (window.isEmpty()) {
            return List.of();
        }
        Sql sql = pageSql(query, window, after, before, size);
        List<AuditRow> rows = new ArrayList<>(jdbc.query(sql.text(), sql.params(), AUDIT_ROW));
        if (before != null) {
            Collections.reverse(rows);
        }
        return rows;
    }

    static Sql pageSql(AuditQuery query, Window window, Long after, Long before, int size) {
        MapSqlParameterSource params = new MapSqlParameterSource("size", size + 1)
                .addValue("floor", window.floor()).addValue("top", window.top());
        List<String> where = where(query, params);
        where.add("id BETWEEN :floor AND :top");
        if (before != null) {
            where.add("id < :before");
            params.addValue("before", before);
        }
        else if (after != null) {
            where.add("id > :after");
            params.addValue("after", after);
        }
        return new Sql(select("*", query, where) + " ORDER BY id" + (before != null ? " DESC" : "")
                + " LIMIT :size", params);
    }

    /** What {@link #forEach} handed over: how many rows, and whether more matched than the limit let through. */
    public record Handed(long rows, boolean more) {
    }

    /**
     * Hands each row {@link #find} would return to {@code each}, oldest first, as the database sends them: never
     * more than {@link #FETCH_SIZE} rows in memory, whatever the limit (an export of the whole trail). In one
     * read-only snapshot, so that the window, its rows and whether more match agree: the window is read one row
     * past the limit, and that row, the oldest, is not handed over.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Handed forEach(AuditQuery query, Consumer<AuditRow> each) {
        Window window = window(query.oneMore(), null);
        if (window.isEmpty()) {
            return new Handed(0, false);
        }
        boolean more = window.count() > query.limit();
        Sql sql = streamSql(query, window);
        long[] seen = { 0 };
        streaming.query(sql.text(), sql.params(), (ResultSet rs) -> {
            if (seen[0]++ > 0 || !more) {
                each.accept(AUDIT_ROW.mapRow(rs, rs.getRow()));
            }
        });
        return new Handed(more ? seen[0] - 1 : seen[0], more);
    }

    static Sql streamSql(AuditQuery query, Window window) {
        MapSqlParameterSource params = new MapSqlParameterSource("floor", window.floor())
                .addValue("top", window.top());
        List<String> where = where(query, params);
        where.add("id BETWEEN :floor AND :top");
        return new Sql(select("*", query, where) + " ORDER BY id", params);
    }

    /** The filters of {@code query} as SQL conditions, their values added to {@code params}. */
    private static List<String> where(AuditQuery query, MapSqlParameterSource params) {
        List<String> where = new ArrayList<>();
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
            params.addValue("outcomes", query.outcomes().stream().map(Enum::name).sorted().toList());
        }
        if (query.since() != null) {
            where.add("created_at >= :since");
            params.addValue("since", OffsetDateTime.ofInstant(query.since(), java.time.ZoneOffset.UTC));
        }
        if (query.until() != null) {
            where.add("created_at < :until");
            params.addValue("until", OffsetDateTime.ofInstant(query.until(), java.time.ZoneOffset.UTC));
        }
        return where;
    }

    private static String select(String columns, AuditQuery query, List<String> where) {
        return "SELECT " + columns + " FROM " + (query.latestOnly() ? "audit_latest" : "resume_audit")
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
    }

    static final String SLOWEST = "SELECT * FROM resume_audit WHERE job_execution_id = :run AND duration_ms IS NOT NULL "
            + "ORDER BY duration_ms DESC, id LIMIT :n";

    /** The {@code n} slowest calls of an execution. */
    public List<AuditRow> slowest(long runId, int n) {
        return jdbc.query(SLOWEST, new MapSqlParameterSource("run", runId).addValue("n", n), AUDIT_ROW);
    }

    /** The latest {@code limit} executions, newest first. */
    public List<RunRow> runs(int limit) {
        Sql sql = runsSql(null, limit);
        return jdbc.query(sql.text(), sql.params(), AuditTrail::runRow);
    }

    static Sql runsSql(Long runId, int limit) {
        return new Sql(RUNS, new MapSqlParameterSource("limit", limit).addValue("run", runId, java.sql.Types.BIGINT)
                .addValue("recovered", ResumeRuns.RECOVERED).addValue("takenOver", ResumeRuns.TAKEN_OVER));
    }

    /** One execution as {@link #runs} shows it; empty when there is no such execution. */
    public java.util.Optional<RunRow> run(long runId) {
        Sql sql = runsSql(runId, 1);
        return jdbc.query(sql.text(), sql.params(), AuditTrail::runRow).stream().findFirst();
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
                SELECT job_execution_id, owner_host, owner_pid, answers, throttled_answers, stop_requested_by,
                       stop_requested_at
                  FROM run_owner ORDER BY job_execution_id DESC""", (rs, i) -> new Lease(rs.getLong(1),
                new RunLock.Owner(rs.getString(2), rs.getLong(3), null).toString(), nullableLong(rs, "answers"),
                nullableLong(rs, "throttled_answers"), rs.getString(6), rs.getObject(7, OffsetDateTime.class)));
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
        return jdbc.queryForList(REPORT_IDS_STARTING_WITH, new MapSqlParameterSource("pattern", prefixPattern(prefix))
                .addValue("limit", limit), String.class);
    }

    /** Served by the text_pattern_ops indexes of V14 on both tables, whatever the database's collation. */
    static final String REPORT_IDS_STARTING_WITH = """
            SELECT min(report_id) FROM (SELECT report_id FROM resume_request UNION ALL
                                        SELECT report_id FROM resume_audit) ids
             WHERE normalised_report_id(report_id) LIKE :pattern
             GROUP BY normalised_report_id(report_id)
             ORDER BY normalised_report_id(report_id)
             LIMIT :limit""";

    /** The LIKE pattern of the IDs beginning with {@code prefix}, normalised as the IDs are. */
    static String prefixPattern(String prefix) {
        return prefix.strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
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
