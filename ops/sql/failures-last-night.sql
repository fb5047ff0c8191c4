-- failures-last-night.sql: what is failing *now*, then what went wrong since a point in time.
--   1. Failing now: reports whose latest outcome (the audit_latest view) is not RESUMED and came since the cut-off,
--      grouped by outcome, HTTP status and message, most frequent first. A report that failed and was resumed since
--      (by `rerun-failed`, or the next run) is not here.
--   2. The history since the cut-off (the audit_failures view): every audit row that did not end RESUMED, including
--      those fixed since; a cause that shows here and not in 1 has healed.
--   3. The reports that `rerun-failed` would flag again (not those whose flag was withdrawn after the failure).
-- UUIDs inside messages (the API names the report) are shown as <id>, so that one cause is one line;
-- example_report_id is one of the reports it hit (see report-history.sql for its story).
--
-- Usage:
--   psql -X -f ops/sql/failures-last-night.sql                      # the last 24 hours
--   psql -X -v since=7d -f ops/sql/failures-last-night.sql          # the last 7 days
--   psql -X -v since=2026-11-24T00:00:00Z -f ops/sql/failures-last-night.sql
--
-- Variables:
--   since   default 24h. Relative like the CLI's --since (30m, 24h, 7d, 2w; units s, m/min, h, d, w) or an
--           ISO-8601 time or date (2026-11-24T02:00:00Z, 2026-11-24); without an offset it is UTC.
--
-- Role: resumer_ops is enough.
-- Times are shown in UTC.

\set ON_ERROR_STOP on
\set QUIET on
\if :{?since} \else \set since 24h \endif
SET TIME ZONE 'UTC';

-- cutoff: "since" as the command line's --since reads it (ops_since, migration V8)
SELECT ops_since(:'since') AS cutoff
\gset

\echo
\echo '== 1. Failing now: latest outcome not RESUMED, since' :cutoff '(by outcome, HTTP status and message)'
SELECT l.outcome,
       l.http_status,
       regexp_replace(l.message, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}', '<id>',
                      'g') AS message,
       count(*) AS reports,
       min(l.report_id) AS example_report_id,
       max(l.created_at) AS last_at
  FROM audit_latest l
 WHERE l.outcome <> 'RESUMED'
   AND l.created_at >= :'cutoff'::timestamptz
 GROUP BY 1, 2, 3
 ORDER BY count(*) DESC, 1, 2 NULLS LAST, 3;

\echo '== 2. History: every audit row not RESUMED since' :cutoff '(including what was resumed since)'
SELECT f.outcome,
       f.http_status,
       f.message,
       count(*) AS audit_rows,
       count(DISTINCT f.report_id) AS reports,
       min(f.report_id) AS example_report_id,
       min(f.created_at) AS first_at,
       max(f.created_at) AS last_at,
       array_agg(DISTINCT f.job_execution_id ORDER BY f.job_execution_id) AS executions
  FROM (SELECT a.outcome, a.http_status, a.report_id, a.created_at, a.job_execution_id,
               regexp_replace(a.message, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}',
                              '<id>', 'g') AS message
          FROM audit_failures a
         WHERE a.created_at >= :'cutoff'::timestamptz) f
 GROUP BY f.outcome, f.http_status, f.message
 ORDER BY count(*) DESC, f.outcome, f.http_status NULLS LAST, f.message;

\echo '== 2. Totals since' :cutoff
SELECT f.outcome, count(*) AS audit_rows, count(DISTINCT f.report_id) AS reports
  FROM audit_failures f
 WHERE f.created_at >= :'cutoff'::timestamptz
 GROUP BY f.outcome
 ORDER BY f.outcome;

\echo '== 3. Latest outcome FAILED, not PENDING again, not withdrawn since (what `rerun-failed` would flag)'
SELECT count(*) AS rerun_failed_would_flag,
       count(*) FILTER (WHERE l.created_at >= :'cutoff'::timestamptz) AS of_which_failed_since_cutoff
  FROM audit_latest l
 WHERE l.outcome = 'FAILED'
   AND NOT EXISTS (SELECT 1 FROM resume_request r
                    WHERE normalised_report_id(r.report_id) = normalised_report_id(l.report_id) AND r.status = 'PENDING')
   AND NOT EXISTS (SELECT 1 FROM resume_request w
                    WHERE normalised_report_id(w.report_id) = normalised_report_id(l.report_id)
                      AND w.status = 'WITHDRAWN' AND w.id > coalesce(l.request_id, 0));
