-- flagged-never-processed.sql: requests still PENDING that were flagged more than N hours ago, oldest first,
-- with their age; then the latest executions, to see why no run took them (none ran, or one stopped early).
--
-- A run that COMPLETED leaves no request PENDING that was flagged before it started: such a request means that
-- no run has happened since, or that the last one failed or was stopped (see `runs`; `restart` continues it).
--
-- Usage:
--   psql -X -f ops/sql/flagged-never-processed.sql                  # flagged more than 24 hours ago
--   psql -X -v hours=2 -v limit=50 -f ops/sql/flagged-never-processed.sql
--
-- Variables:
--   hours   default 24: only requests older than this many hours (decimals allowed: 0.5)
--   limit   default 500: at most this many rows (the oldest)
--
-- Role: resumer_ops is enough.
-- Times are shown in UTC; start_time/end_time of executions are the batch metadata's, in the app's JVM time zone.

\set ON_ERROR_STOP on
\set QUIET on
\if :{?hours} \else \set hours 24 \endif
\if :{?limit} \else \set limit 500 \endif
SET TIME ZONE 'UTC';

\echo
\echo '== PENDING for more than' :hours 'hours'
SELECT count(*) AS pending_older,
       min(r.requested_at) AS oldest_requested_at,
       date_trunc('second', now() - min(r.requested_at)) AS oldest_age,
       (SELECT count(*) FROM resume_request p WHERE p.status = 'PENDING') AS pending_total
  FROM resume_request r
 WHERE r.status = 'PENDING'
   AND r.requested_at < now() - :'hours'::numeric * interval '1 hour';

SELECT r.id AS request_id,
       r.report_id,
       r.requested_at,
       date_trunc('second', now() - r.requested_at) AS age,
       r.requested_by,
       r.reason,
       r.attempts,
       r.last_outcome,
       r.last_job_execution_id
  FROM resume_request r
 WHERE r.status = 'PENDING'
   AND r.requested_at < now() - :'hours'::numeric * interval '1 hour'
 ORDER BY r.requested_at, r.id
 LIMIT :'limit'::int;

\echo '== Latest executions (audit_run_summary)'
SELECT s.job_execution_id, s.start_time, s.end_time, s.status, s.total, s.resumed, s.failed
  FROM audit_run_summary s
 ORDER BY s.job_execution_id DESC
 LIMIT 5;
