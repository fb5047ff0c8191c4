-- report-history.sql: everything that happened to one report: its requests (every flag) and every audit row,
-- across all runs, oldest first.
--
-- Usage:
--   psql -X -v report_id=3f2504e0-4f89-11d3-9a0c-0305e82c3301 -f ops/sql/report-history.sql
--   (connection from PGHOST/PGDATABASE/PGUSER or a URL: psql "postgresql://resumer_ops@db:5432/resumer" ...)
--
-- Variables:
--   report_id   required. Matched like `audit --report`, on the normalised ID (normalised_report_id(): case-
--               insensitively, ignoring whitespace around it), so an ID flagged with plain SQL in capitals or with a
--               stray space is found too (this scans resume_request: about a second per million requests).
--
-- Role: resumer_ops (SELECT on resume_request and resume_audit) is enough. Needs a schema migrated to at least V10
-- (a flag's withdrawal: withdrawn_at, withdrawn_by, withdraw_reason).
-- Times are shown in UTC.

\set ON_ERROR_STOP on
\set QUIET on
\if :{?report_id}
\else
DO $$ BEGIN RAISE EXCEPTION 'report-history.sql: give the report with -v report_id=<UUID>'; END $$;
\endif
SET TIME ZONE 'UTC';

\echo
\echo '== Summary'
SELECT normalised_report_id(:'report_id') AS report_id,
       (SELECT count(*) FROM resume_request r
         WHERE normalised_report_id(r.report_id) = normalised_report_id(:'report_id')) AS requests,
       (SELECT count(*) FROM resume_request r
         WHERE normalised_report_id(r.report_id) = normalised_report_id(:'report_id')
           AND r.status = 'PENDING') AS pending_now,
       (SELECT count(*) FROM resume_audit a
         WHERE normalised_report_id(a.report_id) = normalised_report_id(:'report_id')) AS audit_rows,
       l.outcome AS latest_outcome,
       l.report_status AS latest_report_status,
       l.job_execution_id AS latest_execution,
       l.created_at AS latest_at
  FROM (SELECT 1) one
  LEFT JOIN LATERAL (SELECT a.outcome, a.report_status, a.job_execution_id, a.created_at
                       FROM resume_audit a
                      WHERE normalised_report_id(a.report_id) = normalised_report_id(:'report_id')
                      ORDER BY a.id DESC
                      LIMIT 1) l ON true;

\echo '== Requests (resume_request): one row per flag'
SELECT r.id AS request_id,
       r.report_id,
       r.status,
       r.requested_at,
       r.requested_by,
       r.reason,
       r.attempts,
       r.last_outcome,
       r.last_job_execution_id,
       r.updated_at,
       r.withdrawn_at,
       r.withdrawn_by,
       r.withdraw_reason
  FROM resume_request r
 WHERE normalised_report_id(r.report_id) = normalised_report_id(:'report_id')
 ORDER BY r.id;

\echo '== Audit (resume_audit): one row per request per execution that processed it'
SELECT a.id AS audit_id,
       a.created_at,
       a.job_execution_id,
       a.request_id,
       a.outcome,
       a.http_status,
       a.api_status_code,
       a.attempts,
       a.duration_ms,
       a.report_status,
       a.message
  FROM resume_audit a
 WHERE normalised_report_id(a.report_id) = normalised_report_id(:'report_id')
 ORDER BY a.id;
