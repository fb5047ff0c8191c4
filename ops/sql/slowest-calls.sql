-- slowest-calls.sql: the N audit rows with the longest duration_ms, slowest first.
-- duration_ms is the whole time spent on one request in one execution: every try, the back-off waits between
-- tries (a Retry-After header included) and the wait for the rate limit. A high duration with attempts = 1 is a
-- slow API answer; with attempts > 1 it is mostly back-off. Rows where no call was made (INVALID_ID) are left out.
--
-- Usage:
--   psql -X -f ops/sql/slowest-calls.sql                            # top 20 of the last 7 days
--   psql -X -v limit=50 -v since=24h -f ops/sql/slowest-calls.sql
--   psql -X -v run=42 -f ops/sql/slowest-calls.sql                  # top 20 of execution 42 (since is ignored)
--
-- Variables:
--   limit   default 20
--   since   default 7d. Relative (30m, 24h, 7d, 2w) or ISO-8601 (2026-11-24T02:00:00Z, 2026-11-24; UTC without offset)
--   run     optional: one execution (job_execution_id); when set, since is ignored
--
-- Role: resumer_ops is enough.
-- Times are shown in UTC.

\set ON_ERROR_STOP on
\set QUIET on
\if :{?limit} \else \set limit 20 \endif
\if :{?since} \else \set since 7d \endif
\if :{?run} \else \set run '' \endif
SET TIME ZONE 'UTC';

SELECT ops_since(:'since') AS cutoff
\gset

SELECT NULLIF(:'run', '') IS NOT NULL AS by_run
\gset
\echo
-- the rows both queries read: those of one execution, or those since the cut-off
\if :by_run
\set rows 'a.job_execution_id = ' :'run' '::bigint'
\echo '== Slowest requests of execution' :run
\else
\set rows 'a.created_at >= ' :'cutoff' '::timestamptz'
\echo '== Slowest requests since' :cutoff
\endif
SELECT a.duration_ms,
       a.attempts,
       a.outcome,
       a.http_status,
       a.report_id,
       a.job_execution_id,
       a.id AS audit_id,
       a.created_at,
       a.message
  FROM resume_audit a
 WHERE a.duration_ms IS NOT NULL
   AND a.attempts IS NOT NULL
   AND :rows
 ORDER BY a.duration_ms DESC, a.id
 LIMIT :'limit'::int;

\echo '== Duration percentiles over the same rows (ms)'
SELECT count(*) AS audit_rows,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY a.duration_ms) AS p50,
       percentile_disc(0.95) WITHIN GROUP (ORDER BY a.duration_ms) AS p95,
       percentile_disc(0.99) WITHIN GROUP (ORDER BY a.duration_ms) AS p99,
       max(a.duration_ms) AS max
  FROM resume_audit a
 WHERE a.duration_ms IS NOT NULL
   AND a.attempts IS NOT NULL
   AND :rows;
