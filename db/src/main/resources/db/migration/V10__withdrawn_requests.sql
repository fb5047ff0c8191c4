-- A flag can be taken back before a run takes it (`unflag`): its request becomes WITHDRAWN, a final status, and
-- keeps who withdrew it, when and why. Nothing is deleted: the request stays part of the report's story. The job
-- reads status = 'PENDING' only, so a withdrawn request is never resumed; the one-pending index (V5) covers PENDING
-- rows alone, so the report can be flagged again.
ALTER TABLE resume_request
    ADD COLUMN withdrawn_at    timestamptz,
    ADD COLUMN withdrawn_by    text,
    ADD COLUMN withdraw_reason text;

ALTER TABLE resume_request
    DROP CONSTRAINT resume_request_status_check,
    ADD CONSTRAINT resume_request_status_check CHECK (status IN ('PENDING', 'DONE', 'FAILED', 'WITHDRAWN')),
    ADD CONSTRAINT resume_request_withdrawn_when CHECK (status <> 'WITHDRAWN' OR withdrawn_at IS NOT NULL);

-- The withdrawal, whoever makes it (the application's `unflag`, the owner with plain SQL):
--   * only a PENDING request can be withdrawn: one a run has answered has its outcome;
--   * withdrawn_at is the time of the withdrawal, withdrawn_by who gave it, else the role connected (as
--     requested_by is for a flag); neither, nor withdraw_reason, changes afterwards or is set otherwise;
--   * a withdrawn request never becomes PENDING again (flag the report again instead), but it may still become
--     DONE or FAILED: a run that had already read it when it was withdrawn records the call it made, keeping the
--     withdrawal beside its outcome.
CREATE FUNCTION resume_request_withdrawal() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.status = 'WITHDRAWN' AND OLD.status <> 'WITHDRAWN' THEN
        IF OLD.status <> 'PENDING' THEN
            RAISE EXCEPTION 'only a PENDING request can be withdrawn: request % is %', OLD.id, OLD.status
                USING ERRCODE = 'check_violation';
        END IF;
        NEW.withdrawn_at := now();
        NEW.withdrawn_by := coalesce(nullif(btrim(NEW.withdrawn_by), ''), session_user);
        RETURN NEW;
    END IF;
    IF OLD.status = 'WITHDRAWN' AND NEW.status = 'PENDING' THEN
        RAISE EXCEPTION 'request % was withdrawn and stays so: flag the report again instead', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW.withdrawn_at, NEW.withdrawn_by, NEW.withdraw_reason)
           IS DISTINCT FROM (OLD.withdrawn_at, OLD.withdrawn_by, OLD.withdraw_reason) THEN
        RAISE EXCEPTION 'withdrawn_at, withdrawn_by and withdraw_reason are set by a withdrawal alone'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER resume_request_withdraw
    BEFORE UPDATE ON resume_request
    FOR EACH ROW EXECUTE FUNCTION resume_request_withdrawal();

-- V7's rule for new requests, now also without a withdrawal of their own.
CREATE OR REPLACE FUNCTION resume_request_new_is_pending() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.status <> 'PENDING' OR NEW.last_outcome IS NOT NULL OR NEW.last_job_execution_id IS NOT NULL
       OR NEW.attempts <> 0 OR NEW.updated_at IS NOT NULL
       OR NEW.withdrawn_at IS NOT NULL OR NEW.withdrawn_by IS NOT NULL OR NEW.withdraw_reason IS NOT NULL THEN
        RAISE EXCEPTION 'a new resume_request is always PENDING and unprocessed'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.requested_at := now();
    RETURN NEW;
END;
$$;
