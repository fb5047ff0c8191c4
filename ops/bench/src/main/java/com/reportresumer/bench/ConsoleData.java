package com.reportresumer.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The history the {@code console} case reads: {@code executions} executions of the job and {@code auditRows} audit
 * rows, made with SQL ({@code generate_series}) in a few minutes instead of a thousand nights of runs, yet shaped as
 * the job leaves them and accepted by every constraint and trigger of the schema:
 * <ul>
 * <li>executions: one job instance each, except every 40th execution, a restart of the one before (which then
 * ended {@code FAILED}); one step execution each; a night apart, the latest yesterday; the batch sequences set past
 * them;</li>
 * <li>audit rows: the executions share them evenly except one large run ({@link #largeRun}, a tenth of them); a mix
 * of outcomes (85 % {@code RESUMED}, 6 % {@code FAILED}, 4 % {@code REJECTED}, 3 % {@code NOT_FOUND}, 1 %
 * {@code FORBIDDEN}, 1 % {@code INVALID_ID}; every 97th run an incident where 40 % fail) with the messages the API
 * gives, 2 % of them on 20 hot reports (a thousand rows each at full size), the rest spread over about 0.3 ×
 * {@code auditRows} reports, every 101st ID spelled in upper case as a flagger may type it;</li>
 * <li>requests: each audit row answers a request of its own, inserted {@code PENDING} (the insert trigger allows
 * nothing else) and then answered {@code DONE} or {@code FAILED} as the job's writer does, wave after wave (a
 * report's k-th request once its (k−1)-th was answered: one {@code PENDING} request per report at a time); then
 * {@code auditRows / 50} requests left {@code PENDING}, half for reports audited before.</li>
 * </ul>
 * The triggers stamp every request's {@code requested_at} with the time of the fill, so none is stale.
 */
final class ConsoleData {

    /** Hot reports: 2 % of the rows, a thousand each at a million rows. */
    static final int HOT_REPORTS = 20;

    final int auditRows;
    final int executions;
    final int reportSlots;
    final int pending;

    ConsoleData(int auditRows) {
        this.auditRows = auditRows;
        this.executions = Math.max(10, Math.min(1_000, auditRows / 1_000));
        this.reportSlots = Math.max(100, (int) (auditRows * 0.33));
        this.pending = Math.max(10, auditRows / 50);
    }

    /**
     * The execution that holds a tenth of the rows: within the latest 50, as the Runs page lists them (the first of
     * the ten executions a small history has).
     */
    int largeRun() {
        return Math.max(1, executions - 10);
    }

    int largeRunRows() {
        return auditRows / 10;
    }

    /**
     * The executions whose start times bound the audit search's since/until window: thirty nights from the middle of
     * the history, or as many as there are after it (fewer below 59 executions, i.e. 59,000 audit rows).
     */
    int windowFrom() {
        return executions / 2;
    }

    int windowTo() {
        return Math.min(executions, windowFrom() + 30);
    }

    /** Rows per page of the console's audit search (its {@code ConsoleController.PAGE}). */
    static final int CONSOLE_PAGE = 100;

    /** The window of the deep-page fetch: a tenth of the rows. */
    int deepWindow() {
        return auditRows / 10;
    }

    /** The page of that window the fetch follows next links to: the 50th, or its last when it has fewer. */
    int deepPage() {
        return Math.max(1, Math.min(50, deepWindow() / CONSOLE_PAGE));
    }

    /** The ID of hot report {@code n} (0 to {@link #HOT_REPORTS} − 1) as the fill writes it. */
    static String hotReportId(Connection c, int n) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT md5('bench-report-" + n + "')::uuid::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Fills the migrated, empty database of {@code c}; then VACUUM ANALYZE. */
    void fill(Connection c) throws SQLException {
        int big = largeRun();
        int bigRows = largeRunRows();
        int per = (auditRows - bigRows) / (executions - 1);
        int rest = (auditRows - bigRows) - per * (executions - 1);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // the plan of a million rows is a temporary table: in memory, and sorted there, rather than on disk
            s.execute("SET temp_buffers = '384MB'");
            s.execute("SET work_mem = '128MB'");
            s.execute(String.format(Locale.ROOT, """
                    CREATE TEMP TABLE run_plan ON COMMIT DROP AS
                    SELECT e, rows, sum(rows) OVER (ORDER BY e) - rows + 1 AS first_row,
                           date_trunc('day', now()) - (%1$d - e + 1) * interval '1 day' + interval '2 hours' AS start_time,
                           (e + 1) %% 40 = 0 AS failed
                      FROM (SELECT e, CASE WHEN e = %2$d THEN %3$d WHEN e = 1 THEN %4$d + %5$d ELSE %4$d END AS rows
                              FROM generate_series(1, %1$d) e) x""", executions, big, bigRows, per, rest));
            // a restart (every 40th execution) continues the instance of the failed execution before it
            s.execute("""
                    INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key)
                    SELECT DISTINCT e - e / 40, 0, 'resumeReports', md5('bench-instance-' || (e - e / 40))
                      FROM run_plan""");
            s.execute("""
                    INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time,
                                                     start_time, end_time, status, exit_code, exit_message,
                                                     last_updated)
                    SELECT e, 2, e - e / 40, (start_time - interval '1 second') AT TIME ZONE 'UTC',
                           start_time AT TIME ZONE 'UTC', end_time AT TIME ZONE 'UTC',
                           CASE WHEN failed THEN 'FAILED' ELSE 'COMPLETED' END,
                           CASE WHEN failed THEN 'FAILED' ELSE 'COMPLETED' END,
                           CASE WHEN failed THEN 'Outage: 20 reports in a row failed after every try' ELSE '' END,
                           end_time AT TIME ZONE 'UTC'
                      FROM (SELECT *, start_time + rows * interval '3 milliseconds' + interval '1 second' AS end_time
                              FROM run_plan) r""");
            s.execute("""
                    INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id,
                                                      create_time, start_time, end_time, status, commit_count,
                                                      read_count, filter_count, write_count, read_skip_count,
                                                      write_skip_count, process_skip_count, rollback_count,
                                                      exit_code, exit_message, last_updated)
                    SELECT b.job_execution_id, r.rows / 50 + 2, 'resume', b.job_execution_id, b.create_time,
                           b.start_time, b.end_time, b.status, r.rows / 50 + 1, r.rows, 0, r.rows, 0, 0, 0, 0,
                           b.exit_code, b.exit_message, b.last_updated
                      FROM batch_job_execution b JOIN run_plan r ON r.e = b.job_execution_id""");
            s.execute("SELECT setval('batch_job_instance_seq', (SELECT max(job_instance_id) FROM batch_job_instance))");
            s.execute("SELECT setval('batch_job_execution_seq', (SELECT max(job_execution_id) FROM batch_job_execution))");
            s.execute("SELECT setval('batch_step_execution_seq', (SELECT max(step_execution_id) FROM batch_step_execution))");

            // one row per audit row to be: its run, time, report and outcome (hashes of its number: reproducible);
            // k: the report's k-th row; request_id: the IDs in the order the waves below insert the requests
            s.execute(String.format(Locale.ROOT, """
                    CREATE TEMP TABLE plan ON COMMIT DROP AS
                    SELECT *, row_number() OVER (ORDER BY k, seq) AS request_id
                      FROM (SELECT *, row_number() OVER (PARTITION BY normalised_report_id(report_id) ORDER BY seq) AS k
                      FROM (SELECT *, CASE WHEN outcome = 'INVALID_ID' THEN 'report ' || rk || ' (typo)'
                                   WHEN seq %% 101 = 0 THEN upper(md5('bench-report-' || rk)::uuid::text)
                                   ELSE md5('bench-report-' || rk)::uuid::text END AS report_id
                      FROM (SELECT i AS seq, r.e AS job_execution_id,
                                   r.start_time + (i - r.first_row) * interval '3 milliseconds'
                                       + interval '2 milliseconds' AS created_at,
                                   h.rk, h.v,
                                   CASE WHEN r.e %% 97 = 0 AND h.u < 400 THEN 'FAILED'
                                        WHEN h.u < 850 THEN 'RESUMED' WHEN h.u < 910 THEN 'FAILED'
                                        WHEN h.u < 950 THEN 'REJECTED' WHEN h.u < 980 THEN 'NOT_FOUND'
                                        WHEN h.u < 990 THEN 'FORBIDDEN' ELSE 'INVALID_ID' END AS outcome
                              FROM run_plan r, generate_series(r.first_row, r.first_row + r.rows - 1) i,
                                   LATERAL (SELECT CASE WHEN i %% 50 = 0 THEN (i / 50) %% %1$d
                                                        ELSE %1$d + (hashint8extended(i, 1) & 9223372036854775807) %% %2$d
                                                   END AS rk,
                                                   (hashint8extended(i, 2) & 9223372036854775807) %% 1000 AS u,
                                                   (hashint8extended(i, 3) & 9223372036854775807) %% 1000 AS v) h) x) y) z""",
                    HOT_REPORTS, reportSlots));
            s.execute("CREATE INDEX ON plan (k)");
            s.execute("ANALYZE plan");
            // wave after wave: a report's next request once its previous one is answered
            s.execute("""
                    DO $$
                    DECLARE kk int;
                    BEGIN
                      -- each wave planned for its own k: the last waves hold the hot reports' few rows
                      SET LOCAL plan_cache_mode = force_custom_plan;
                      FOR kk IN 1 .. (SELECT max(k) FROM plan) LOOP
                        INSERT INTO resume_request (id, report_id, requested_by, reason)
                        SELECT request_id, report_id, 'bench', 'nightly selection'
                          FROM plan WHERE k = kk ORDER BY request_id;
                        UPDATE resume_request r
                           SET status = CASE WHEN p.outcome = 'FAILED' THEN 'FAILED' ELSE 'DONE' END,
                               last_outcome = p.outcome, last_job_execution_id = p.job_execution_id,
                               attempts = CASE p.outcome WHEN 'FAILED' THEN 4 WHEN 'INVALID_ID' THEN 0 ELSE 1 END,
                               updated_at = p.created_at
                          FROM plan p
                         WHERE p.k = kk AND r.id = p.request_id;
                      END LOOP;
                    END $$""");
            s.execute("SELECT setval('resume_request_id_seq', (SELECT max(id) FROM resume_request))");
            s.execute("""
                    INSERT INTO resume_audit (request_id, job_execution_id, report_id, outcome, http_status,
                                              api_status_code, attempts, message, report_status, duration_ms,
                                              created_at, confirmed_by_read)
                    SELECT request_id, job_execution_id, report_id, outcome,
                           CASE outcome WHEN 'RESUMED' THEN 200 WHEN 'REJECTED' THEN 400 WHEN 'NOT_FOUND' THEN 404
                                        WHEN 'FORBIDDEN' THEN 403 WHEN 'INVALID_ID' THEN NULL
                                        ELSE CASE v % 3 WHEN 0 THEN 503 WHEN 1 THEN 500 END END,
                           CASE outcome WHEN 'REJECTED' THEN 400 WHEN 'NOT_FOUND' THEN 404 END,
                           CASE outcome WHEN 'FAILED' THEN 4 WHEN 'INVALID_ID' THEN 0
                                        ELSE 1 + (v % 10 = 0)::int END,
                           CASE outcome
                                WHEN 'RESUMED' THEN NULL
                                WHEN 'REJECTED' THEN 'Report ' || report_id || ' is not in a paused state'
                                WHEN 'NOT_FOUND' THEN 'Report ' || report_id || ' was not found'
                                WHEN 'FORBIDDEN' THEN 'The app registration has no access to report ' || report_id
                                WHEN 'INVALID_ID' THEN 'not a report ID (expected a UUID)'
                                ELSE CASE v % 3 WHEN 0 THEN 'Service unavailable'
                                                WHEN 1 THEN 'Internal server error (correlation '
                                                            || md5(seq::text)::uuid || ')'
                                                ELSE 'Read timed out after 30 s' END END,
                           CASE outcome WHEN 'RESUMED' THEN 'Active' WHEN 'REJECTED' THEN 'Active' END,
                           CASE outcome WHEN 'FAILED' THEN 30000 + v WHEN 'INVALID_ID' THEN NULL ELSE 20 + v / 3 END,
                           created_at,
                           outcome IN ('RESUMED', 'FAILED') AND v % 200 = 7
                      FROM plan ORDER BY seq""");
            // the queue: half for reports audited before, half for new ones
            s.execute(String.format(Locale.ROOT, """
                    INSERT INTO resume_request (report_id, requested_by, reason)
                    SELECT md5('bench-report-' || CASE WHEN j <= %1$d / 2 THEN %2$d + (j * 7) %% %3$d
                                                       ELSE %2$d + %3$d + j END)::uuid::text,
                           CASE WHEN j %% 3 = 0 THEN 'ops-flagger' ELSE 'flag --all-paused' END,
                           'incident ' || (j %% 40) || ' over'
                      FROM generate_series(1, %1$d) j""", pending, HOT_REPORTS, reportSlots));
            c.commit();
        }
        catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
        finally {
            c.setAutoCommit(autoCommit);
        }
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
        }
    }
}
