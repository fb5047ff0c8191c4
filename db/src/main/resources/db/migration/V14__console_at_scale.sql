-- The ops console and the commands it shares its queries with, at scale (a million audit rows, a thousand
-- executions, a million requests): every page and export reads through an index, and the two ops views compute only
-- the rows asked of them. Each index names the queries it serves (batch-app: audit/AuditTrail, flag/RequestQueue);
-- ops/bench's `console` case measures them. The views keep their columns, so CREATE OR REPLACE keeps their grants
-- (ops/sql/roles.sql).

-- AuditTrail.find/window/page/forEach with a run (`audit --run`, /audit?run=, the reports not resumed of
-- /runs/ID: WHERE job_execution_id = ? ORDER BY id), and per execution, index-only, the counts per outcome of
-- audit_run_summary and the last audit time of `runs` (AuditTrail.runs/run). Its first column is V3's
-- resume_audit_by_execution, which it replaces: one index less for the job to write.
CREATE INDEX resume_audit_by_execution_id ON resume_audit (job_execution_id, id) INCLUDE (outcome, created_at);
DROP INDEX resume_audit_by_execution;

-- AuditTrail.failureGroups (/runs/ID's failures grouped by message: WHERE job_execution_id = ? AND outcome <>
-- 'RESUMED'): the failures of a large run without reading its resumed rows.
CREATE INDEX resume_audit_failures_by_execution ON resume_audit (job_execution_id, id) WHERE outcome <> 'RESUMED';

-- AuditTrail.slowest (/runs/ID's slowest calls, the demo's summary: ORDER BY duration_ms DESC, id LIMIT n): the
-- first n entries of the run, not a sort of all its rows.
CREATE INDEX resume_audit_slowest_by_execution ON resume_audit (job_execution_id, duration_ms DESC, id)
    WHERE duration_ms IS NOT NULL;

-- AuditTrail.find/window/page/forEach with an outcome and no run (/audit?outcome=FAILED, `audit --outcome`):
-- the latest rows of one outcome without walking the whole trail back to them.
CREATE INDEX resume_audit_by_outcome ON resume_audit (outcome, id);

-- AuditTrail.reportIdsStartingWith (/reports?id=<beginning of an ID>: normalised_report_id(report_id) LIKE
-- 'prefix%'), whatever the database's collation (text_pattern_ops compares by character, as LIKE does), and, as
-- the V5 index it replaces did, one report's rows by its normalised ID (`audit --report`, /reports?id=, and the
-- later-row probe of audit_latest below).
CREATE INDEX resume_audit_by_normalised_report_prefix
    ON resume_audit (normalised_report_id(report_id) text_pattern_ops, id);
DROP INDEX resume_audit_by_normalised_report;

-- RequestQueue.flagsOf (/reports?id=, `audit --report`'s flags), RequestQueue.withdraw's latest flags, the
-- reflag of AuditTrail.reflagFailed (a withdrawal since the failure) and reportIdsStartingWith's requests: one
-- report's requests by its normalised ID, or those of IDs beginning with a prefix. Until now only PENDING requests
-- had an index on it (V5's unique one).
CREATE INDEX resume_request_by_normalised_report
    ON resume_request (normalised_report_id(report_id) text_pattern_ops, id);

-- audit_latest (V9, V11): a report's latest row is the one no later row of the same report follows. The same rows as
-- DISTINCT ON, but as an anti-join it can be read from the newest row back and stopped at a LIMIT (/audit?latest,
-- `audit --latest`: ORDER BY id DESC LIMIT n), each row checked with one probe of the index above, instead of
-- sorting the whole trail by report on every query. A query of every latest row (rerun-failed) is still one pass.
CREATE OR REPLACE VIEW audit_latest AS
SELECT a.id, a.request_id, a.job_execution_id, a.report_id, a.outcome, a.http_status, a.api_status_code,
       a.attempts, a.message, a.report_status, a.duration_ms, a.created_at, a.confirmed_by_read
  FROM resume_audit a
 WHERE NOT EXISTS (SELECT 1
                     FROM resume_audit later
                    WHERE normalised_report_id(later.report_id) = normalised_report_id(a.report_id)
                      AND later.id > a.id);

-- audit_run_summary (V4): the counts of each execution by a lateral subquery of its own rows (the index-only scan
-- of resume_audit_by_execution_id), so that a query of a few executions (`runs`, /, /runs/ID) counts their rows only,
-- not the whole trail grouped by execution as before. Same columns, same counts (zero for an execution without rows).
CREATE OR REPLACE VIEW audit_run_summary AS
SELECT e.job_execution_id,
       e.start_time,
       e.end_time,
       e.status,
       e.exit_code,
       c.total,
       c.resumed,
       c.rejected,
       c.forbidden,
       c.not_found,
       c.invalid_id,
       c.failed
  FROM batch_job_execution e
 CROSS JOIN LATERAL (SELECT count(*)                                       AS total,
                            count(*) FILTER (WHERE outcome = 'RESUMED')    AS resumed,
                            count(*) FILTER (WHERE outcome = 'REJECTED')   AS rejected,
                            count(*) FILTER (WHERE outcome = 'FORBIDDEN')  AS forbidden,
                            count(*) FILTER (WHERE outcome = 'NOT_FOUND')  AS not_found,
                            count(*) FILTER (WHERE outcome = 'INVALID_ID') AS invalid_id,
                            count(*) FILTER (WHERE outcome = 'FAILED')     AS failed
                       FROM resume_audit a
                      WHERE a.job_execution_id = e.job_execution_id) c;
