#!/usr/bin/env bash
# The plain loop a user might write instead of the job: for each report ID, one curl PUT (bearer token) and one
# psql INSERT of an audit row. Run by the bench (case "overhead") on a sample; its time is scaled to the full size.
#
# Environment: API_URL (base URL + API path), TOKEN_URL, CLIENT_ID, CLIENT_SECRET, RESOURCE, PSQL_URL (libpq URL;
# PGPASSWORD as usual), IDS_FILE (one report ID per line). Prints "plain processed=N failed=F" at the end.
set -euo pipefail

# the secret and the token reach curl through its config on standard input (-K -), never its command line
token=$(printf 'data-urlencode = "client_secret=%s"\n' "$CLIENT_SECRET" \
  | curl -sS --fail -K - -d grant_type=client_credentials --data-urlencode "client_id=$CLIENT_ID" \
      --data-urlencode "resource=$RESOURCE" "$TOKEN_URL" \
  | sed -E 's/.*"access_token" *: *"([^"]+)".*/\1/')

processed=0
failed=0
while IFS= read -r id; do
  [ -n "$id" ] || continue
  code=$(printf 'header = "Authorization: Bearer %s"\n' "$token" \
    | curl -sS -K - -o /dev/null -w '%{http_code}' -X PUT "$API_URL/ScheduledReport/resume/$id" || echo 000)
  if [ "$code" = 200 ]; then outcome=RESUMED; else outcome=FAILED; failed=$((failed + 1)); fi
  psql -X -q -v ON_ERROR_STOP=1 "$PSQL_URL" \
    -c "INSERT INTO resume_audit (report_id, outcome, http_status, attempts) VALUES ('$id', '$outcome', $code, 1)"
  processed=$((processed + 1))
done < "$IDS_FILE"
echo "plain processed=$processed failed=$failed"
