-- A flag is a request to resume, never a result: whoever inserts it (the app, a flagger with plain SQL), a new
-- request is PENDING, untouched by any run, and stamped with the time it was made. Column privileges (see
-- ops/sql/roles.sql) let flaggers set only report_id and reason; requested_by is then who they connected as.
ALTER TABLE resume_request ALTER COLUMN requested_by SET DEFAULT session_user;

CREATE FUNCTION resume_request_new_is_pending() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.status <> 'PENDING' OR NEW.last_outcome IS NOT NULL OR NEW.last_job_execution_id IS NOT NULL
       OR NEW.attempts <> 0 OR NEW.updated_at IS NOT NULL THEN
        RAISE EXCEPTION 'a new resume_request is always PENDING and unprocessed'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.requested_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER resume_request_insert_pending
    BEFORE INSERT ON resume_request
    FOR EACH ROW EXECUTE FUNCTION resume_request_new_is_pending();
