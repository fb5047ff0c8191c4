-- One row per flag: a report ID that should be resumed by the next run.
-- Ops may flag with plain SQL: INSERT INTO resume_request(report_id) VALUES ('...');
-- report_id is stored as given and validated when processed (INVALID_ID), never when inserted.
CREATE TABLE resume_request (
    id                    bigserial   PRIMARY KEY,
    report_id             text        NOT NULL,
    status                text        NOT NULL DEFAULT 'PENDING'
                                      CONSTRAINT resume_request_status_check CHECK (status IN ('PENDING', 'DONE', 'FAILED')),
    requested_at          timestamptz NOT NULL DEFAULT now(),
    requested_by          text,
    reason                text,
    attempts              int         NOT NULL DEFAULT 0,
    last_outcome          text,
    last_job_execution_id bigint,
    updated_at            timestamptz
);

-- At most one PENDING request per report: a second flag is refused, never a second call.
CREATE UNIQUE INDEX resume_request_one_pending_per_report
    ON resume_request (report_id) WHERE status = 'PENDING';

-- The job reads PENDING requests in keyset pages ordered by id.
CREATE INDEX resume_request_pending_by_id ON resume_request (id) WHERE status = 'PENDING';
CREATE INDEX resume_request_by_report ON resume_request (report_id);
