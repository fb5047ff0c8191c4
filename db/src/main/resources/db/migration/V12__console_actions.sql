-- What operators did in the ops console: one row when an action is asked for (who, which action, on what), and one
-- row answering it when it has been carried out (how it ended). Append-only like resume_audit: nobody changes or
-- removes a row, whoever asks; created_at is the database's time.
CREATE TABLE console_action (
    id         bigserial   PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    actor      text        NOT NULL CONSTRAINT console_action_actor_given CHECK (btrim(actor) <> ''),
    role       text        NOT NULL CONSTRAINT console_action_role_check CHECK (role IN ('OPERATOR')),
    action     text        NOT NULL
                           CONSTRAINT console_action_action_check
                           CHECK (action IN ('RERUN_FAILED', 'FLAG', 'RESTART', 'STOP', 'WITHDRAW')),
    target     text,
    -- ASKED: the operator confirmed it; DONE or FAILED: how it ended, in a row of its own that answers the ASKED one
    status     text        NOT NULL CONSTRAINT console_action_status_check CHECK (status IN ('ASKED', 'DONE', 'FAILED')),
    answers    bigint      REFERENCES console_action (id),
    job_execution_id bigint,
    message    text,
    CONSTRAINT console_action_answer CHECK ((status = 'ASKED') = (answers IS NULL))
);

CREATE INDEX console_action_by_created ON console_action (created_at);

CREATE FUNCTION console_action_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.created_at := now();
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'console_action is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER console_action_stamped
    BEFORE INSERT ON console_action
    FOR EACH ROW EXECUTE FUNCTION console_action_append_only();

CREATE TRIGGER console_action_append_only
    BEFORE UPDATE OR DELETE ON console_action
    FOR EACH ROW EXECUTE FUNCTION console_action_append_only();

CREATE TRIGGER console_action_no_truncate
    BEFORE TRUNCATE ON console_action
    FOR EACH STATEMENT EXECUTE FUNCTION console_action_append_only();
