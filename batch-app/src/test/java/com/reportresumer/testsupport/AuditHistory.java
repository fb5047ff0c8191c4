package com.reportresumer.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A long audit trail made with SQL rather than by running the job: rows over {@link #EXECUTIONS} executions (which
 * exist, with their job instances, as {@code audit --run} and the console check), a mix of outcomes, report IDs made
 * from the rows' numbers ({@link #reportOf}) and times one second apart, so that a test can tell every row of a page or
 * an export apart. Appended in ID order, as the job appends.
 */
public final class AuditHistory {

    public static final int EXECUTIONS = 60;
    /** Rows of one execution, in a row: an execution is a range of IDs, as the job writes it. */
    public static final int ROWS_PER_EXECUTION = 1_000;

    private AuditHistory() {
    }

    /** The report ID of the {@code n}-th row appended (from 1), the same in every database. */
    public static String reportOf(long n) {
        return new java.util.UUID(0x3f2504e04f8911d3L, 0x9a0c000000000000L | n).toString();
    }

    /**
     * Appends rows {@code from} to {@code to} (numbers as {@link #reportOf} takes them): outcomes in turn
     * {@code RESUMED} ×3, {@code FAILED}, {@code REJECTED}, {@code NOT_FOUND}; {@link #ROWS_PER_EXECUTION} rows an
     * execution, in turn; every
     * fifth row a second call for the report of the row before (so that {@code --latest} keeps fewer rows).
     */
    public static void append(TestDatabases.Database db, long from, long to) {
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) "
                        + "SELECT e, 0, 'resumeReports', md5(e::text) FROM generate_series(1, " + EXECUTIONS + ") e "
                        + "ON CONFLICT DO NOTHING");
                s.execute("INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, "
                        + "start_time, end_time, status, exit_code, exit_message, last_updated) "
                        + "SELECT e, 1, e, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', "
                        + "'COMPLETED', 'COMPLETED', '', now() AT TIME ZONE 'UTC' FROM generate_series(1, " + EXECUTIONS
                        + ") e ON CONFLICT DO NOTHING");
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO resume_audit (job_execution_id, report_id, outcome, http_status, attempts, message,
                                              duration_ms, created_at)
                    SELECT 1 + ((n - 1) / 1000) % 60, r.id, o.outcome, -- ROWS_PER_EXECUTION, EXECUTIONS
                           CASE o.outcome WHEN 'RESUMED' THEN 200 WHEN 'FAILED' THEN 503 WHEN 'REJECTED' THEN 400
                                          ELSE 404 END,
                           1, CASE WHEN o.outcome <> 'RESUMED' THEN 'Report ' || r.id || ', "' || o.outcome || '"' END,
                           10 + n % 97, timestamptz '2026-11-01 02:00:00+00' + n * interval '1 second'
                      FROM generate_series(?::bigint, ?::bigint) n,
                           LATERAL (SELECT (ARRAY['RESUMED', 'RESUMED', 'RESUMED', 'FAILED', 'REJECTED',
                                                  'NOT_FOUND'])[1 + n % 6] AS outcome) o,
                           LATERAL (SELECT CASE WHEN n % 5 = 0 THEN ? || lpad(to_hex(n - 1), 12, '0')
                                                ELSE ? || lpad(to_hex(n), 12, '0') END AS id) r
                     ORDER BY n""")) {
                String prefix = reportOf(0).substring(0, 24);
                ps.setLong(1, from);
                ps.setLong(2, to);
                ps.setString(3, prefix);
                ps.setString(4, prefix);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE resume_audit");
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
