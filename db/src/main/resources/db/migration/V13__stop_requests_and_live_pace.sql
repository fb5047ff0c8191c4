-- A graceful stop asked for from outside the running process (`stop`, the console), and what the running owner
-- tells of its pace while it runs. Both live on the lease, run_owner, because both concern the process that runs an
-- execution now and end with it: the owner reads the request each time it renews its lease (every chunk, and every
-- sixth of resumer.job.lease), stops starting calls, lets those in flight return and commits them, then ends the
-- execution STOPPED (restartable). Who asked is kept in console_action (the console) or the log (`stop`); the row,
-- like every lease, is removed when the execution ends.
ALTER TABLE run_owner
    ADD COLUMN stop_requested_at timestamptz,
    ADD COLUMN stop_requested_by text,
    -- the owner's count, as of its last chunk, of the calls answered and of those answered 429 (throttled)
    ADD COLUMN answers           bigint,
    ADD COLUMN throttled_answers bigint,
    ADD CONSTRAINT run_owner_stop_requested_by CHECK ((stop_requested_at IS NULL) = (stop_requested_by IS NULL)),
    ADD CONSTRAINT run_owner_stop_requested_by_given CHECK (btrim(stop_requested_by) <> '');
