-- confirmed_by_read: the outcome of this row comes from a read of the report (GET ScheduledReport?reportId=), made
-- because the answer to its resume was lost on the last try (a read timeout, a reset connection, an unreadable 2xx):
-- RESUMED when the read found the report Active, FAILED when it did not or got no answer either. Existing rows were
-- all decided by the API's own answer. Adding a column with a constant default rewrites no row, so the append-only
-- triggers of resume_audit (V3) are not involved.
ALTER TABLE resume_audit ADD COLUMN confirmed_by_read boolean NOT NULL DEFAULT false;

-- The views that show audit rows show it too (new columns go last; CREATE OR REPLACE keeps the grants of
-- ops/sql/roles.sql).
CREATE OR REPLACE VIEW audit_latest AS
SELECT DISTINCT ON (normalised_report_id(a.report_id))
       a.id, a.request_id, a.job_execution_id, a.report_id, a.outcome, a.http_status, a.api_status_code,
       a.attempts, a.message, a.report_status, a.duration_ms, a.created_at, a.confirmed_by_read
  FROM resume_audit a
 ORDER BY normalised_report_id(a.report_id), a.id DESC;

CREATE OR REPLACE VIEW audit_failures AS
SELECT a.*
  FROM resume_audit a
 WHERE a.outcome <> 'RESUMED';
