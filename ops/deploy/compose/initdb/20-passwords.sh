#!/usr/bin/env bash
# Run once by the postgres image when it creates the database, after 10-roles.sql (ops/sql/roles.sql): sets the
# passwords of resumer_owner and resumer_app from the compose secrets. psql reads the files itself (backquotes of
# \set), so no password is ever on a command line.
set -eo pipefail
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
\set owner_password `cat /var/lib/postgresql/private/resumer-owner-password`
\set app_password `cat /var/lib/postgresql/private/resumer-app-password`
ALTER ROLE resumer_owner PASSWORD :'owner_password';
ALTER ROLE resumer_app PASSWORD :'app_password';
SQL
