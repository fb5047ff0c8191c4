-- Append-only audit trail: one row per request per job execution that processed it.
CREATE TABLE resume_audit (
    id               bigserial   PRIMARY KEY,
    request_id       bigint      REFERENCES resume_request (id),
    job_execution_id bigint,
    report_id        text        NOT NULL,
    outcome          text        NOT NULL
                                 CONSTRAINT resume_audit_outcome_check
                                 CHECK (outcome IN ('RESUMED', 'REJECTED', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_ID', 'FAILED')),
    http_status      int,
    api_status_code  int,
    attempts         int,
    message          text,
    report_status    text,
    duration_ms      bigint,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX resume_audit_by_execution ON resume_audit (job_execution_id);
CREATE INDEX resume_audit_by_report ON resume_audit (report_id, id);
CREATE INDEX resume_audit_by_request ON resume_audit (request_id, id);
CREATE INDEX resume_audit_by_created ON resume_audit (created_at);

-- The database itself refuses to change or remove audit rows, whoever asks.
CREATE FUNCTION resume_audit_reject_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'resume_audit is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER resume_audit_append_only
    BEFORE UPDATE OR DELETE ON resume_audit
    FOR EACH ROW EXECUTE FUNCTION resume_audit_reject_change();

CREATE TRIGGER resume_audit_no_truncate
    BEFORE TRUNCATE ON resume_audit
    FOR EACH STATEMENT EXECUTE FUNCTION resume_audit_reject_change();
