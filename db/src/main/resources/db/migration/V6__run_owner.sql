-- Who runs an execution, and since when they have proved it: a lease beside the run lock (an advisory lock).
-- The owner renews heartbeat_at while it holds the lock, and deletes its row when the execution ends, after its
-- last call has returned. An execution left STARTED is recovered only when its owner is provably gone: no row, a
-- lease older than resumer.job.lease, or (same host) a process that no longer exists.
CREATE TABLE run_owner (
    job_execution_id bigint      PRIMARY KEY,
    owner_host       text        NOT NULL,
    owner_pid        bigint      NOT NULL,
    owner_started_at timestamptz,
    heartbeat_at     timestamptz NOT NULL DEFAULT now()
);
