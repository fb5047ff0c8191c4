-- run-summary.sql: the latest executions from the audit_run_summary view, newest first: start, end, duration,
-- batch status and exit code, and the count of audit rows per outcome (what `runs` prints).
--
-- Usage:
--   psql -X -f ops/sql/run-summary.sql
--   psql -X -v limit=100 -f ops/sql/run-summary.sql
--   psql -X --csv -f ops/sql/run-summary.sql > runs.csv             # CSV instead of a table
--
-- Variables:
--   limit   default 20
--
-- Reading it: `exit` is the exit code the command ended with, as `runs` shows it in EXIT (empty while it runs):
-- status COMPLETED with not_resumed = 0 was exit 0; COMPLETED with not_resumed > 0 was exit 3; FAILED or STOPPED
-- was exit 1 (restartable: `restart <id>`). `exit_code` is Spring Batch's exit status (COMPLETED, FAILED, …), not
-- the command's. STARTED means running now, or a process that died (the next `run` or `restart` marks it FAILED). A restart is a new execution (a new job_execution_id) whose counts cover
-- only what it processed itself.
-- start_time/end_time are the batch metadata's (timestamp without time zone, the app's JVM time zone).
--
-- Role: resumer_ops is enough.

\set ON_ERROR_STOP on
\set QUIET on
\if :{?limit} \else \set limit 20 \endif

-- every column of the view, so a new outcome's count shows without a change here; then the duration and what was
-- not resumed
SELECT s.*,
       date_trunc('milliseconds', s.end_time - s.start_time) AS duration,
       s.total - s.resumed AS not_resumed,
       CASE WHEN s.status IN ('STARTING', 'STARTED', 'STOPPING') THEN NULL
            WHEN s.status <> 'COMPLETED' THEN 1
            WHEN s.total = s.resumed THEN 0
            ELSE 3 END AS exit
  FROM audit_run_summary s
 ORDER BY s.job_execution_id DESC
 LIMIT :'limit'::int;
