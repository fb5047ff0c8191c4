-- roles.sql: least-privilege roles for report-resumer. Idempotent: run it again at any time; it converges.
--
--   resumer_owner    owns the schema objects; the only role that runs Flyway migrations (DDL)
--   resumer_app      what `run`, `restart`, `rerun-failed`, `schedule`, `console`, `flag`, `unflag`, `pending`,
--                    `audit` and `runs` need: read/write resume_request, INSERT + SELECT only on the append-only
--                    resume_audit and console_action (the console's record of operators' actions),
--                    the Spring Batch metadata tables and sequences, the run lease (run_owner), the ops views; no DDL
--   resumer_flagger  adds requests only: SELECT on resume_request, INSERT of report_id and reason alone (a new
--                    request is always PENDING, requested_by is who connected, requested_at is now), USAGE on
--                    its id sequence
--   resumer_ops      reads only: resume_request, resume_audit and the views audit_latest, audit_run_summary,
--                    audit_failures (what ops/sql/*.sql need)
--
-- Withdrawing a flag (status WITHDRAWN, migration V10) is an UPDATE of resume_request: resumer_app (`unflag`, which
-- records who and why) and the owner may; resumer_flagger and resumer_ops have no UPDATE at all, and get none. A
-- report has one PENDING flag at most, shared by everyone who asked for it (a second flag is "already pending"),
-- so taking it back cancels other people's requests too: an operator's decision, not a flagger's, whose role
-- also serves tools. Whoever withdraws, triggers keep it honest: only a PENDING request, withdrawn_at is the
-- database's now, withdrawn_by the role unless given, and none of it rewritten afterwards.
--
-- All four also get SELECT on flyway_schema_history (the app validates the applied migrations at start-up, so
-- every CLI command reads it), and resumer_ops SELECT on batch_job_execution (`audit --run ID` checks that the
-- execution exists). Nobody but resumer_owner gets DELETE, TRUNCATE or DDL; resume_audit additionally refuses
-- UPDATE, DELETE and TRUNCATE by trigger, whoever asks.
--
-- Usage, as a superuser (or the database owner with CREATEROLE), connected to the report-resumer database:
--   1. psql -X -d resumer -f ops/sql/roles.sql      creates the roles (LOGIN, no password) and the schema grants
--   2. set passwords interactively, never on a command line:  psql -X -d resumer -c '\password resumer_owner'
--      (same for resumer_app, resumer_flagger, resumer_ops as needed)
--   3. run the migrations as resumer_owner: `java -jar batch-app.jar migrate` with SPRING_DATASOURCE_USERNAME=
--      resumer_owner and its password in SPRING_DATASOURCE_PASSWORD(_FILE) (see ops/RUNBOOK.md, Upgrades and migrations);
--      every other command runs as resumer_app and only checks that the schema is current
--   4. psql -X -d resumer -f ops/sql/roles.sql      again: grants on the tables the migrations created
--   Repeat 3 and 4 after every upgrade that brings new migrations.
--
-- Objects that already exist under another owner (say, migrations first run as a single `resumer` user) are
-- handed over to resumer_owner. The script prints the resulting grants and any object not created yet.
--
-- Variables:
--   schema   default public: the schema Flyway migrates (spring.flyway.default-schema / the connection's)
--
-- Not done here, but recommended when the database serves report-resumer alone:
--   REVOKE ALL ON DATABASE resumer FROM PUBLIC;   (then only the roles granted CONNECT below can connect)

\set ON_ERROR_STOP on
\if :{?schema} \else \set schema public \endif

BEGIN;

-- 1. Roles: LOGIN without a password (set one with \password); no superuser, createdb or createrole rights.
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION', r.name)
  FROM unnest(ARRAY['resumer_owner', 'resumer_app', 'resumer_flagger', 'resumer_ops']) AS r(name)
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name)
\gexec

-- 2. Database and schema: everyone may connect and look up names; only the owner may create objects.
SELECT format('GRANT CONNECT ON DATABASE %I TO resumer_owner, resumer_app, resumer_flagger, resumer_ops',
              current_database())
\gexec
REVOKE CREATE ON SCHEMA :"schema" FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA :"schema" TO resumer_owner;
GRANT USAGE ON SCHEMA :"schema" TO resumer_app, resumer_flagger, resumer_ops;

-- 3. Hand existing objects of the product to resumer_owner (sequences owned by a column move with their table).
SELECT format('ALTER %s %I.%I OWNER TO resumer_owner',
              CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, n.nspname, c.relname)
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = :'schema'
   AND c.relkind IN ('r', 'p', 'v', 'S')
   AND (c.relname IN ('resume_request', 'resume_audit', 'audit_latest', 'audit_run_summary', 'audit_failures',
                      'flyway_schema_history', 'resume_request_id_seq', 'resume_audit_id_seq', 'run_owner',
                      'console_action', 'console_action_id_seq')
        OR c.relname LIKE 'batch\_%')
   AND c.relowner <> 'resumer_owner'::regrole
   AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                                          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                            AND d.deptype IN ('a', 'i')))
 ORDER BY c.relkind DESC, c.relname
\gexec
SELECT format('ALTER FUNCTION %s OWNER TO resumer_owner', p.oid::regprocedure)
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = :'schema'
   AND (p.proname LIKE 'resume\_%' OR p.proname LIKE 'console\_%' OR p.proname = 'normalised_report_id')
   AND p.proowner <> 'resumer_owner'::regrole
\gexec

-- 4. Object privileges: first take everything away from the three roles (and PUBLIC), then grant the matrix.
CREATE TEMPORARY TABLE resumer_grant (role name, object name, privileges text) ON COMMIT DROP;
INSERT INTO resumer_grant (role, object, privileges) VALUES
    -- the job
    ('resumer_app', 'resume_request',               'SELECT, INSERT, UPDATE'),
    ('resumer_app', 'resume_request_id_seq',        'USAGE'),
    ('resumer_app', 'resume_audit',                 'SELECT, INSERT'),
    ('resumer_app', 'resume_audit_id_seq',          'USAGE'),
    ('resumer_app', 'audit_latest',                 'SELECT'),
    ('resumer_app', 'audit_run_summary',            'SELECT'),
    ('resumer_app', 'audit_failures',               'SELECT'),
    ('resumer_app', 'batch_job_instance',           'SELECT, INSERT, UPDATE'),
    ('resumer_app', 'batch_job_execution',          'SELECT, INSERT, UPDATE'),
    ('resumer_app', 'batch_job_execution_params',   'SELECT, INSERT, UPDATE'),
    ('resumer_app', 'batch_job_execution_context',  'SELECT, INSERT, UPDATE'),
    ('resumer_app', 'batch_step_execution',         'SELECT, INSERT, UPDATE'),
    ('resumer_app', 'batch_step_execution_context', 'SELECT, INSERT, UPDATE'),
    ('resumer_app', 'batch_job_instance_seq',       'USAGE'),
    ('resumer_app', 'batch_job_execution_seq',      'USAGE'),
    ('resumer_app', 'batch_step_execution_seq',     'USAGE'),
    ('resumer_app', 'flyway_schema_history',        'SELECT'),
    ('resumer_app', 'run_owner',                    'SELECT, INSERT, UPDATE, DELETE'),
    -- the ops console's record of operators' actions: append-only, as resume_audit
    ('resumer_app', 'console_action',               'SELECT, INSERT'),
    ('resumer_app', 'console_action_id_seq',        'USAGE'),
    -- people or tools that only flag reports: never UPDATE, so never a withdrawal (see the header)
    ('resumer_flagger', 'resume_request',           'SELECT, INSERT (report_id, reason)'),
    ('resumer_flagger', 'resume_request_id_seq',    'USAGE'),
    ('resumer_flagger', 'flyway_schema_history',    'SELECT'),
    -- ops staff: read only
    ('resumer_ops', 'resume_request',               'SELECT'),
    ('resumer_ops', 'resume_audit',                 'SELECT'),
    ('resumer_ops', 'audit_latest',                 'SELECT'),
    ('resumer_ops', 'audit_run_summary',            'SELECT'),
    ('resumer_ops', 'audit_failures',               'SELECT'),
    ('resumer_ops', 'batch_job_execution',          'SELECT'),
    ('resumer_ops', 'console_action',               'SELECT'),
    ('resumer_ops', 'flyway_schema_history',        'SELECT');

SELECT format('REVOKE ALL ON %s %I.%I FROM PUBLIC, resumer_app, resumer_flagger, resumer_ops',
              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, n.nspname, c.relname)
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = :'schema'
   AND c.relname IN (SELECT object FROM resumer_grant)
 ORDER BY c.relname
\gexec

SELECT format('GRANT %s ON %s %I.%I TO %I',
              g.privileges, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, n.nspname, c.relname, g.role)
  FROM resumer_grant g
  JOIN pg_class c ON c.relname = g.object
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = :'schema'
 ORDER BY g.role, g.object
\gexec

\echo
\echo '== Objects not created yet (run the migrations as resumer_owner, then this script again)'
SELECT DISTINCT g.object AS missing
  FROM resumer_grant g
 WHERE NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relname = g.object AND n.nspname = :'schema')
 ORDER BY 1;

\echo '== Grants now in place'
SELECT a.grantee::regrole AS role,
       c.relname AS object,
       string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type) AS privileges,
       pg_get_userbyid(c.relowner) AS owner
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 CROSS JOIN LATERAL aclexplode(c.relacl) a
 WHERE n.nspname = :'schema'
   AND a.grantee IN (SELECT oid FROM pg_roles WHERE rolname IN ('resumer_app', 'resumer_flagger', 'resumer_ops'))
 GROUP BY a.grantee, c.relname, c.relowner
 ORDER BY 1, 2;

\echo '== Column grants now in place'
SELECT a.grantee::regrole AS role,
       c.relname AS object,
       a.privilege_type AS privilege,
       string_agg(att.attname, ', ' ORDER BY att.attnum) AS columns
  FROM pg_attribute att
  JOIN pg_class c ON c.oid = att.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 CROSS JOIN LATERAL aclexplode(att.attacl) a
 WHERE n.nspname = :'schema'
   AND att.attacl IS NOT NULL
 GROUP BY a.grantee, c.relname, a.privilege_type
 ORDER BY 1, 2, 3;

COMMIT;
