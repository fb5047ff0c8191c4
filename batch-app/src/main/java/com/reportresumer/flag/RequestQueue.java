package com.reportresumer.flag;

import com.reportresumer.resume.ReportIds;
import com.reportresumer.resume.ResumeJobProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The flags of {@code resume_request} as operators handle them, each query or change in one place for every
 * caller (the command line and the ops console): the queue of {@code PENDING} requests, one report's flags,
 * and the withdrawal of a flag. A report is matched on its normalised ID, as the job and {@code flag} match it.
 * <p>
 * A withdrawal is an update to {@code WITHDRAWN}, never a delete, and the database decides what it may be (only
 * from {@code PENDING}; who, when and why recorded once): see the migration that introduced it.
 */
@Component
public class RequestQueue {

    private static final String PENDING = """
            SELECT id, report_id, requested_at, requested_by, reason,
                   greatest(0, floor(extract(epoch FROM now() - requested_at)))::bigint AS age_seconds,
                   requested_at < :staleBefore AS stale
              FROM resume_request
             WHERE status = 'PENDING'
             ORDER BY id
             LIMIT :limit""";

    private static final String PENDING_COUNTS = """
            SELECT count(*) AS total, count(*) FILTER (WHERE requested_at < :staleBefore) AS stale
              FROM resume_request
             WHERE status = 'PENDING'""";

    /** Set withdrawn_by and withdraw_reason; the database stamps withdrawn_at (and withdrawn_by when null). */
    private static final String WITHDRAW = """
            UPDATE resume_request
               SET status = 'WITHDRAWN', withdrawn_by = :by, withdraw_reason = :reason
             WHERE status = 'PENDING' AND normalised_report_id(report_id) IN (:ids)
            RETURNING normalised_report_id(report_id) AS report_key, *""";

    /** The latest flag of each report asked about (DISTINCT ON keeps the first row per report: the highest ID). */
    private static final String LATEST_FLAGS = """
            SELECT DISTINCT ON (normalised_report_id(report_id)) normalised_report_id(report_id) AS report_key, *
              FROM resume_request
             WHERE normalised_report_id(report_id) IN (:ids)
             ORDER BY normalised_report_id(report_id), id DESC""";

    /** One report's flags: by the normalised-ID index of V14. */
    static final String FLAGS_OF = "SELECT * FROM resume_request "
            + "WHERE normalised_report_id(report_id) = normalised_report_id(:report) ORDER BY id";

    private static final RowMapper<RequestRow> REQUEST_ROW = (rs, i) -> new RequestRow(rs.getLong("id"),
            rs.getString("report_id"), rs.getString("status"), rs.getObject("requested_at", OffsetDateTime.class),
            rs.getString("requested_by"), rs.getString("reason"), rs.getInt("attempts"), rs.getString("last_outcome"),
            nullableLong(rs, "last_job_execution_id"), rs.getObject("updated_at", OffsetDateTime.class),
            rs.getObject("withdrawn_at", OffsetDateTime.class), rs.getString("withdrawn_by"),
            rs.getString("withdraw_reason"));

    private final NamedParameterJdbcTemplate jdbc;
    /**
     * Bound when {@link #runningExecution} first asks: validating {@code resumer.job.*} starts Hibernate Validator,
     * which a command that only reads the queue need not wait for.
     */
    private final ObjectProvider<ResumeJobProperties> job;

    RequestQueue(NamedParameterJdbcTemplate jdbc, ObjectProvider<ResumeJobProperties> job) {
        this.jdbc = jdbc;
        this.job = job;
    }

    /**
     * The queue: its size, how many were flagged before {@code staleBefore}, and the first {@code limit} requests
     * in the order the next run takes them. One read, so that the counts and the rows agree.
     */
    @Transactional(readOnly = true)
    public PendingQueue pending(int limit, Instant staleBefore) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", limit)
                .addValue("staleBefore", OffsetDateTime.ofInstant(staleBefore, ZoneOffset.UTC));
        Map<String, Object> counts = jdbc.queryForMap(PENDING_COUNTS, params);
        List<PendingRequest> oldest = jdbc.query(PENDING, params, (rs, i) -> new PendingRequest(rs.getLong("id"),
                rs.getString("report_id"), rs.getObject("requested_at", OffsetDateTime.class),
                rs.getLong("age_seconds"), rs.getBoolean("stale"), rs.getString("requested_by"),
                rs.getString("reason")));
        return new PendingQueue(((Number) counts.get("total")).longValue(), ((Number) counts.get("stale")).longValue(),
                oldest);
    }

    /** Every flag of the report, oldest first, whatever its status; none for a report nobody flagged. */
    public List<RequestRow> flagsOf(String reportId) {
        return jdbc.query(FLAGS_OF, new MapSqlParameterSource("report", reportId), REQUEST_ROW);
    }

    /**
     * Withdraws the {@code PENDING} flag of each report ID, all in one transaction, recording {@code withdrawnBy}
     * (the connected role when null) and {@code reason}. IDs are validated as {@code flag} validates them: a
     * malformed one is reported, never looked up; the same report given twice counts once. For a report without
     * a {@code PENDING} flag the answer holds its latest flag, to say why.
     */
    @Transactional
    public Withdrawal withdraw(Collection<String> reportIds, String withdrawnBy, String reason) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> malformed = new ArrayList<>();
        for (String raw : reportIds) {
            Optional<UUID> id = ReportIds.parse(raw);
            if (id.isPresent()) {
                ids.add(id.get().toString()); // canonical: lower case, as normalised_report_id() makes it
            }
            else {
                malformed.add(raw);
            }
        }
        if (ids.isEmpty()) {
            return new Withdrawal(List.of(), List.of(), malformed);
        }
        Map<String, RequestRow> withdrawnByReport = byReport(WITHDRAW, new MapSqlParameterSource("ids", ids)
                .addValue("by", withdrawnBy).addValue("reason", reason));
        List<RequestRow> withdrawn = withdrawnByReport.values().stream()
                .sorted(Comparator.comparingLong(RequestRow::id)).toList();
        List<String> rest = ids.stream().filter(id -> !withdrawnByReport.containsKey(id)).toList();
        Map<String, RequestRow> latest = rest.isEmpty() ? Map.of()
                : byReport(LATEST_FLAGS, new MapSqlParameterSource("ids", rest));
        List<Withdrawal.NotPending> notPending = rest.stream()
                .map(id -> new Withdrawal.NotPending(id, Optional.ofNullable(latest.get(id)))).toList();
        return new Withdrawal(withdrawn, notPending, malformed);
    }

    /**
     * The execution whose owner renewed its lease within the last {@code resumer.job.lease}, if any: a run that
     * may have read a request before it was withdrawn, and will record the call it makes for it.
     */
    public OptionalLong runningExecution() {
        List<Long> running = jdbc.queryForList("SELECT job_execution_id FROM run_owner "
                + "WHERE heartbeat_at > now() - make_interval(secs => :lease) ORDER BY job_execution_id DESC LIMIT 1",
                new MapSqlParameterSource("lease", job.getObject().lease().toMillis() / 1000.0), Long.class);
        return running.isEmpty() ? OptionalLong.empty() : OptionalLong.of(running.get(0));
    }

    /** The rows of {@code sql}, by their {@code report_key} (the normalised report ID). */
    private Map<String, RequestRow> byReport(String sql, MapSqlParameterSource params) {
        Map<String, RequestRow> rows = new HashMap<>();
        jdbc.query(sql, params, (ResultSet rs) -> {
            rows.put(rs.getString("report_key"), REQUEST_ROW.mapRow(rs, rs.getRow()));
        });
        return rows;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
