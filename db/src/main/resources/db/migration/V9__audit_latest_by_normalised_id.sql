-- audit_latest: the latest audit row per report, where "report" is the normalised ID (V5) as everywhere else, so that
-- ' 3F25…' flagged with plain SQL and '3f25…' are one report with one latest outcome, and `audit --latest` and
-- `rerun-failed` see what is failing *now*: a report that failed and was resumed since is not failing.
-- CREATE OR REPLACE keeps the view's grants (ops/sql/roles.sql); its columns are unchanged.
CREATE OR REPLACE VIEW audit_latest AS
SELECT DISTINCT ON (normalised_report_id(a.report_id))
       a.id, a.request_id, a.job_execution_id, a.report_id, a.outcome, a.http_status, a.api_status_code,
       a.attempts, a.message, a.report_status, a.duration_ms, a.created_at
  FROM resume_audit a
 ORDER BY normalised_report_id(a.report_id), a.id DESC;
