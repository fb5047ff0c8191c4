-- One PENDING request per report, whatever the spelling of its ID: the job resumes ' 3F25...' and '3f25...' as the
-- same report (batch-app's ReportIds trims surrounding whitespace as Java's String.strip() does and compares UUIDs,
-- whose hex digits have no case), so the database must refuse the second flag of either, from the command and from
-- plain SQL alike. V2's unique index compared the text as typed.

-- The key a report ID is unique by: surrounding whitespace trimmed (exactly the characters Java's strip() trims:
-- Character.isWhitespace, i.e. U+0009-U+000D, U+001C-U+001F, the space separators except the no-break ones, and
-- U+2028/U+2029), then lower case. IMMUTABLE, so an index can be built on it. Needs a UTF8 database (the default).
CREATE FUNCTION normalised_report_id(report_id text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT lower(btrim(report_id,
    E'\t\n\u000B\f\r\u001C\u001D\u001E\u001F \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200A\u2028\u2029\u205F\u3000'))
$$;

-- No flag may slip in between resolving the duplicates and building the index.
LOCK TABLE resume_request IN SHARE ROW EXCLUSIVE MODE;

-- Existing duplicates among PENDING requests: the oldest flag stays PENDING; the others are closed as DONE (never
-- processed, so no audit row and no outcome) with a note in their reason. Nothing is deleted.
UPDATE resume_request r
   SET status = 'DONE',
       updated_at = now(),
       reason = concat_ws('; ', r.reason, 'duplicate of request ' || d.kept || ', merged by migration V5')
  FROM (SELECT id,
               first_value(id) OVER (PARTITION BY normalised_report_id(report_id) ORDER BY requested_at, id) AS kept
          FROM resume_request
         WHERE status = 'PENDING') d
 WHERE r.id = d.id
   AND d.id <> d.kept;

-- Same name as V2's index, so the error a second flag gets is the one the runbook describes.
DROP INDEX resume_request_one_pending_per_report;
CREATE UNIQUE INDEX resume_request_one_pending_per_report
    ON resume_request (normalised_report_id(report_id)) WHERE status = 'PENDING';

-- audit --report matches the normalised ID.
CREATE INDEX resume_audit_by_normalised_report ON resume_audit (normalised_report_id(report_id), id);
