-- The cut-off that the ops queries of ops/sql take as their `since` variable, read as the command line's --since
-- reads it: relative to now (30m, 24h, 7d, 2w; units s, m or min, h, d, w; up to six digits) or an ISO-8601 time
-- or date (2026-11-24T02:00:00Z, 2026-11-24), UTC when it has no offset. One definition, so that every query file
-- means the same by "since" (each file used to carry its own copy of this CASE).
CREATE FUNCTION ops_since(since text) RETURNS timestamptz
    LANGUAGE sql STABLE STRICT
    SET TimeZone = 'UTC'
AS
$$
SELECT CASE
         WHEN since ~* '^\s*\d{1,6}\s*(s|m|min|h|d|w)\s*$'
         THEN now() - substring(since FROM '\d+')::int
                      * CASE substring(lower(since) FROM '(min|s|m|h|d|w)\s*$')
                          WHEN 's' THEN interval '1 second'
                          WHEN 'm' THEN interval '1 minute'
                          WHEN 'min' THEN interval '1 minute'
                          WHEN 'h' THEN interval '1 hour'
                          WHEN 'd' THEN interval '1 day'
                          ELSE interval '7 days'
                        END
         ELSE since::timestamptz
       END
$$;
