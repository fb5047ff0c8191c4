-- Views for ops staff.

-- The latest audit row per report.
CREATE VIEW audit_latest AS
SELECT DISTINCT ON (a.report_id)
       a.id, a.request_id, a.job_execution_id, a.report_id, a.outcome, a.http_status, a.api_status_code,
       a.attempts, a.message, a.report_status, a.duration_ms, a.created_at
  FROM resume_audit a
 ORDER BY a.report_id, a.id DESC;

-- One row per job execution: its timing and status from the batch metadata, and counts per outcome.
CREATE VIEW audit_run_summary AS
SELECT e.job_execution_id,
       e.start_time,
       e.end_time,
       e.status,
       e.exit_code,
       COALESCE(c.total, 0)      AS total,
       COALESCE(c.resumed, 0)    AS resumed,
       COALESCE(c.rejected, 0)   AS rejected,
       COALESCE(c.forbidden, 0)  AS forbidden,
       COALESCE(c.not_found, 0)  AS not_found,
       COALESCE(c.invalid_id, 0) AS invalid_id,
       COALESCE(c.failed, 0)     AS failed
  FROM batch_job_execution e
  LEFT JOIN (SELECT job_execution_id,
                    count(*)                                       AS total,
                    count(*) FILTER (WHERE outcome = 'RESUMED')    AS resumed,
                    count(*) FILTER (WHERE outcome = 'REJECTED')   AS rejected,
                    count(*) FILTER (WHERE outcome = 'FORBIDDEN')  AS forbidden,
                    count(*) FILTER (WHERE outcome = 'NOT_FOUND')  AS not_found,
                    count(*) FILTER (WHERE outcome = 'INVALID_ID') AS invalid_id,
                    count(*) FILTER (WHERE outcome = 'FAILED')     AS failed
               FROM resume_audit
              GROUP BY job_execution_id) c ON c.job_execution_id = e.job_execution_id;

-- Every audit row that did not end in RESUMED.
CREATE VIEW audit_failures AS
SELECT a.*
  FROM resume_audit a
 WHERE a.outcome <> 'RESUMED';
