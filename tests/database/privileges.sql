-- The privilege suite (pgTAP): what each of the three group roles may do,
-- checked exactly over every schema, table, view, sequence and function of
-- the warehouse, plus the writes each role must be refused, plus the rule
-- that a SECURITY DEFINER function pins its search_path.
--
-- The expected matrix is the DECLARATION below, written and reviewed by
-- hand; it is never read back from the database's grants. Every object is
-- enumerated from the catalogue and checked against it with pgTAP's
-- *_privs_are, which fail on a privilege missing AND on one too many: a
-- grant added or removed anywhere, or a new object whose default privileges
-- differ from its schema's rule, fails here. A new object that needs other
-- rights needs a line in the declaration (and in ops.grant_ecomops_privileges,
-- resources/sql/functions/0740_ops_grant_ecomops_privileges.sql).
--
-- Run by tests/database/tst_privileges.cpp: psql -f, as a superuser, in a
-- fresh migrated database with CREATE EXTENSION pgtap done.
\set ON_ERROR_STOP 1
\pset pager off
\pset format unaligned
\pset tuples_only on
SET client_min_messages = warning;
BEGIN;
SELECT no_plan();

-- ===================== THE DECLARATION (reviewed) =====================
-- Roles: op = ecomops_operator, st = ecomops_steward, an = ecomops_analyst.
CREATE TEMP TABLE role_alias (alias text PRIMARY KEY, role name NOT NULL);
INSERT INTO role_alias VALUES ('op', 'ecomops_operator'), ('st', 'ecomops_steward'), ('an', 'ecomops_analyst');

-- Schemas. Nobody may CREATE; 'public' keeps PostgreSQL 15's default (USAGE for PUBLIC).
CREATE TEMP TABLE want_schema (nsp text, alias text, privs text[]);
INSERT INTO want_schema VALUES
    ('staging',    'op', '{USAGE}'), ('staging',    'st', '{}'),      ('staging',    'an', '{}'),
    ('quarantine', 'op', '{USAGE}'), ('quarantine', 'st', '{USAGE}'), ('quarantine', 'an', '{}'),
    ('dw',         'op', '{USAGE}'), ('dw',         'st', '{USAGE}'), ('dw',         'an', '{}'),
    ('ops',        'op', '{USAGE}'), ('ops',        'st', '{USAGE}'), ('ops',        'an', '{USAGE}'),
    ('mart',       'op', '{USAGE}'), ('mart',       'st', '{USAGE}'), ('mart',       'an', '{USAGE}'),
    ('public',     'op', '{USAGE}'), ('public',     'st', '{USAGE}'), ('public',     'an', '{USAGE}');

-- Tables (kind 'table': tables and partitioned tables, partitions included)
-- and views (kind 'view': views and materialized views). rel '*' is the
-- schema's rule; a named rel overrides it. Anything not matched: no rights.
CREATE TEMP TABLE want_rel (nsp text, rel text, kind text, alias text, privs text[]);
INSERT INTO want_rel VALUES
    -- the operator: lands, quarantines, transforms, records; never deletes history
    ('staging',    '*', 'table', 'op', '{SELECT,INSERT}'),
    ('quarantine', '*', 'table', 'op', '{SELECT,INSERT,UPDATE}'),
    ('dw',         '*', 'table', 'op', '{SELECT,INSERT,UPDATE,DELETE}'),
    ('dw',         '*', 'view',  'op', '{SELECT}'),
    ('ops',        '*', 'table', 'op', '{SELECT}'),
    ('ops',        '*', 'view',  'op', '{SELECT}'),
    ('ops', 'pipeline_run',    'table', 'op', '{SELECT,INSERT,UPDATE}'),
    ('ops', 'stage_result',    'table', 'op', '{SELECT,INSERT,UPDATE}'),
    ('ops', 'quality_rule',    'table', 'op', '{SELECT,INSERT,UPDATE}'),
    ('ops', 'run_log',         'table', 'op', '{SELECT,INSERT}'),
    ('ops', 'quality_run',     'table', 'op', '{SELECT,INSERT}'),
    ('ops', 'quality_score',   'table', 'op', '{SELECT,INSERT}'),
    ('ops', 'quality_failure', 'table', 'op', '{SELECT,INSERT}'),
    ('ops', 'quality_gate',    'table', 'op', '{SELECT,INSERT}'),
    ('ops', 'quality_null',    'table', 'op', '{SELECT,INSERT}'),
    ('mart',       '*', 'table', 'op', '{SELECT}'),
    ('mart',       '*', 'view',  'op', '{SELECT}'),
    ('mart', 'settings',       'table', 'op', '{SELECT,UPDATE}'),
    -- the steward: reads everything but staging
    ('quarantine', '*', 'table', 'st', '{SELECT}'),
    ('dw',         '*', 'table', 'st', '{SELECT}'),
    ('dw',         '*', 'view',  'st', '{SELECT}'),
    ('ops',        '*', 'table', 'st', '{SELECT}'),
    ('ops',        '*', 'view',  'st', '{SELECT}'),
    ('mart',       '*', 'table', 'st', '{SELECT}'),
    ('mart',       '*', 'view',  'st', '{SELECT}'),
    -- the analyst: the marts, and whether the schema is up to date
    ('mart',       '*', 'table', 'an', '{SELECT}'),
    ('mart',       '*', 'view',  'an', '{SELECT}'),
    ('ops', 'schema_migrations', 'table', 'an', '{SELECT}');

-- Sequences: none for anyone (every key is an identity column).

-- Functions, by signature. fn '*' is the schema's rule. Anything not
-- matched: no EXECUTE for anyone (PUBLIC's default is revoked).
CREATE TEMP TABLE want_fn (nsp text, fn text, alias text);
INSERT INTO want_fn VALUES
    ('dw', '*', 'op'),   -- the transform runs as the operator
    ('ops', 'create_staging_partition(text,bigint)', 'op'),
    ('ops', 'attach_staging_partition(text,bigint)', 'op'),
    ('ops', 'drop_staging_partitions(bigint,text)', 'op'),
    ('ops', 'discard_run_rows(bigint,text,text)', 'op'),
    ('ops', 'refresh_mart(text,boolean)', 'op'),
    ('ops', 'refresh_anomaly_baselines(text,double precision,integer,double precision,text[],bigint,interval)', 'op'),
    ('ops', 'flag_anomalies(bigint,text[])', 'op'),
    ('ops', 'dq_money(text)', 'op'),
    ('ops', 'dq_timestamp(text)', 'op'),
    ('ops', 'reserve_run_id()', 'op'),
    ('ops', 'add_run_note(bigint,text,text)', 'op'),
    ('ops', 'add_run_note(bigint,text,text)', 'st'),
    ('ops', 'anomaly_line_counts(text,integer,text[])', 'op'),
    ('ops', 'anomaly_line_counts(text,integer,text[])', 'st'),
    ('ops', 'triage_anomaly(bigint[],integer[],text,text,text)', 'st'),
    ('ops', 'anomaly_transition_allowed(text,text)', 'st'),
    ('ops', 'rebaseline_anomalies(text,double precision,integer,double precision,text[])', 'op'),
    ('ops', 'rebaseline_anomalies(text,double precision,integer,double precision,text[])', 'st'),
    ('ops', 'preview_anomaly_flags(text,double precision,integer,double precision,text[],bigint)', 'op'),
    ('ops', 'preview_anomaly_flags(text,double precision,integer,double precision,text[],bigint)', 'st');
INSERT INTO want_fn SELECT 'mart', f, a
FROM unnest(ARRAY['kpi_summary(date,date)', 'guest_share_between(date,date)', 'mix_between(date,date)',
                  'revenue_by_country_between(date,date)',
                  'status_mix_between(date,date)', 'top_categories_between(date,date,integer,text)',
                  'top_products_between(date,date,integer,text)']) f,
     unnest(ARRAY['op', 'st', 'an']) a;
-- ========================= END OF DECLARATION =========================

CREATE TEMP VIEW our_schemas AS SELECT unnest(ARRAY['staging', 'quarantine', 'dw', 'ops', 'mart']) AS nsp;

-- The declaration names only objects that exist (a typo would silently
-- leave an object to the "no rights" default).
SELECT is_empty($$
    SELECT w.nsp || '.' || w.rel FROM want_rel w
    WHERE w.rel <> '*' AND to_regclass(quote_ident(w.nsp) || '.' || quote_ident(w.rel)) IS NULL
    UNION ALL
    SELECT w.nsp || '.' || w.fn FROM want_fn w
    WHERE w.fn <> '*' AND to_regprocedure(quote_ident(w.nsp) || '.' || w.fn) IS NULL $$,
    'every object the declaration names exists');

-- Schemas.
SELECT schema_privs_are(w.nsp, r.role, w.privs, format('%s on schema %s: %s', r.role, w.nsp, w.privs))
FROM want_schema w JOIN role_alias r USING (alias) ORDER BY w.nsp, r.role;

-- Every relation of our schemas × every role.
SELECT table_privs_are(n.nspname, c.relname, r.role,
           coalesce((SELECT w.privs FROM want_rel w
                     WHERE w.nsp = n.nspname AND w.alias = r.alias
                       AND w.kind = CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END
                       AND w.rel IN (c.relname, '*')
                     ORDER BY w.rel = '*' LIMIT 1), '{}'),
           format('%s on %s.%s', r.role, n.nspname, c.relname))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN our_schemas s ON s.nsp = n.nspname
CROSS JOIN role_alias r
WHERE c.relkind IN ('r', 'p', 'v', 'm')
ORDER BY n.nspname, c.relname, r.role;

-- Every sequence: nothing.
SELECT sequence_privs_are(n.nspname, c.relname, r.role, '{}', format('%s on sequence %s.%s', r.role, n.nspname, c.relname))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN our_schemas s ON s.nsp = n.nspname
CROSS JOIN role_alias r
WHERE c.relkind = 'S'
ORDER BY n.nspname, c.relname, r.role;

-- Every function × every role.
CREATE TEMP VIEW our_functions AS
SELECT n.nspname, p.proname,
       ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS a(t, i) ORDER BY a.i) AS args
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN our_schemas s ON s.nsp = n.nspname;
SELECT function_privs_are(f.nspname, f.proname, f.args, r.role,
           CASE WHEN EXISTS (SELECT 1 FROM want_fn w
                             WHERE w.nsp = f.nspname AND w.alias = r.alias
                               AND w.fn IN ('*', f.proname || '(' || array_to_string(f.args, ',') || ')'))
                THEN '{EXECUTE}'::text[] ELSE '{}'::text[] END,
           format('%s on %s.%s(%s)', r.role, f.nspname, f.proname, array_to_string(f.args, ',')))
FROM our_functions f CROSS JOIN role_alias r
ORDER BY f.nspname, f.proname, f.args::text, r.role;

-- SECURITY DEFINER functions run as their owner: each must pin its
-- search_path, or a caller's object could stand in for a catalogue one.
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false) $$,
    'every SECURITY DEFINER function pins search_path = pg_catalog, pg_temp');
-- …and these are the ones that must be SECURITY DEFINER.
SELECT bag_eq($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.prosecdef AND n.nspname IN ('staging', 'quarantine', 'dw', 'ops', 'mart') $$,
    ARRAY['ops.create_staging_partition(text,bigint)', 'ops.attach_staging_partition(text,bigint)',
          'ops.drop_staging_partitions(bigint,text)', 'ops.discard_run_rows(bigint,text,text)',
          'ops.refresh_mart(text,boolean)', 'dw.ensure_month_partitions(regclass,date,date)',
          'ops.flag_anomalies(bigint,text[])',
          'ops.refresh_anomaly_baselines(text,double precision,integer,double precision,text[],bigint,interval)',
          'ops.triage_anomaly(bigint[],integer[],text,text,text)',
          'ops.rebaseline_anomalies(text,double precision,integer,double precision,text[])',
          'ops.preview_anomaly_flags(text,double precision,integer,double precision,text[],bigint)',
          'ops.reserve_run_id()', 'ops.add_run_note(bigint,text,text)'],
    'detection, its preview, triage, run ids and the owner-only run steps are SECURITY DEFINER, nothing else');

-- ============================ FORBIDDEN WRITES ============================
-- A statement run as a role: SET ROLE inside the call, so a refusal rolls
-- back with throws_ok's own subtransaction and the suite carries on as
-- the superuser.
CREATE FUNCTION pg_temp.as_role(p_role text, p_sql text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format('SET LOCAL ROLE %I', p_role);
    EXECUTE p_sql;
    RESET ROLE;
END
$fn$;

-- What the refusals act on: a finished run, a running one, a flag, an event.
INSERT INTO ops.pipeline_run (run_id, status, source_kind, started_by, spec, started_at, ended_at)
    OVERRIDING SYSTEM VALUE VALUES (900001, 'succeeded', 'synthetic', 'tap', '{}', now(), now()),
                                   (900002, 'running', 'synthetic', 'tap', '{}', now(), NULL);
INSERT INTO ops.stage_result (run_id, stage) VALUES (900001, 'load');
INSERT INTO ops.run_log (run_id, seq, level, message) VALUES (900001, 1, 'info', 'x');
INSERT INTO quarantine.rejected_row (run_id, table_name, source_line, stage, raw_record, reasons)
    VALUES (900001, 'orders', 2, 'load', 'x', '{bad}');
INSERT INTO ops.anomaly_flag (flag_id, order_id, line_no, order_date, order_ts, product_id, quantity, baseline_median,
                              baseline_sigma, threshold, z_score, method, k, min_history, min_sigma, baseline_lines, run_id)
    OVERRIDING SYSTEM VALUE
    VALUES (900001, 'O-TAP', 1, '2025-01-01', '2025-01-01 10:00', 'P-TAP', 50, 2, 1, 4, 48, 'stddev', 2, 5, 0, 30, 900001);

CREATE TEMP TABLE refused (alias text, sql text);
INSERT INTO refused VALUES
    -- the operator forging triage, or touching the audit trail
    ('op', $$INSERT INTO ops.anomaly_flag (order_id, line_no, order_date, order_ts, product_id, quantity, baseline_median,
             baseline_sigma, threshold, z_score, method, k, min_history, min_sigma, baseline_lines, status, version,
             status_changed_by) VALUES ('O-FORGED', 1, '2025-01-01', '2025-01-01', 'P', 99, 1, 1, 3, 98, 'stddev', 2, 5, 0, 30,
             'RESOLVED', 7, 'ecomops_steward')$$),
    ('op', $$UPDATE ops.anomaly_flag SET status = 'RESOLVED', version = version + 1$$),
    ('op', $$DELETE FROM ops.anomaly_flag$$),
    ('op', $$INSERT INTO ops.anomaly_event (flag_id, db_role, session_role, console_user, from_status, to_status, is_reopen,
             version) VALUES (900001, 'x', 'x', 'x', 'NEW', 'RESOLVED', false, 2)$$),
    ('op', $$UPDATE ops.anomaly_event SET note = 'x'$$),
    ('op', $$DELETE FROM ops.anomaly_event$$),
    ('op', $$UPDATE ops.anomaly_baseline SET threshold = 1e9$$),
    ('op', $$SELECT * FROM ops.triage_anomaly(ARRAY[900001]::bigint[], ARRAY[1], 'RESOLVED', '', 'x')$$),
    -- the operator deleting or rewriting run history
    ('op', $$DELETE FROM ops.pipeline_run$$),
    ('op', $$DELETE FROM ops.pipeline_run WHERE run_id = 900001$$),
    ('op', $$TRUNCATE ops.pipeline_run CASCADE$$),
    ('op', $$DELETE FROM ops.stage_result$$),
    ('op', $$DELETE FROM ops.run_log$$),
    ('op', $$DELETE FROM ops.quality_run$$),
    ('op', $$DELETE FROM ops.quality_score$$),
    ('op', $$DELETE FROM ops.quality_failure$$),
    ('op', $$DELETE FROM ops.quality_gate$$),
    ('op', $$DELETE FROM ops.quality_null$$),
    ('op', $$DELETE FROM quarantine.rejected_row$$),
    ('op', $$UPDATE ops.pipeline_run SET status = 'failed' WHERE run_id = 900001$$),
    ('op', $$SELECT ops.discard_run_rows(900001, 'run')$$),
    ('op', $$SELECT ops.drop_staging_partitions(900001)$$),
    ('op', $$DELETE FROM ops.schema_migrations$$),
    -- notes: added only through ops.add_run_note, which names the author
    ('op', $$INSERT INTO ops.run_note (run_id, note, author) VALUES (900001, 'x', 'someone_else')$$),
    ('st', $$INSERT INTO ops.run_note (run_id, note, author) VALUES (900001, 'x', 'someone_else')$$),
    ('op', $$DELETE FROM ops.run_note$$),
    -- the operator doing the owner's work by hand
    ('op', $$CREATE TABLE staging.orders_r900002 (LIKE staging.orders)$$),
    ('op', $$DROP TABLE staging.orders$$),
    ('op', $$CREATE TABLE dw.fact_order_p2099_01 PARTITION OF dw.fact_order FOR VALUES FROM ('2099-01-01') TO ('2099-02-01')$$),
    ('op', $$REFRESH MATERIALIZED VIEW mart.revenue_daily$$),
    ('op', $$SELECT dw.ensure_month_partitions('ops.pipeline_run', '2025-01-01', '2025-01-02')$$),
    ('op', $$SELECT ops.grant_ecomops_privileges()$$),
    -- the steward outside triage
    ('st', $$UPDATE ops.anomaly_flag SET status = 'RESOLVED', version = version + 1$$),
    ('st', $$UPDATE ops.anomaly_flag SET threshold = 1000$$),
    ('st', $$INSERT INTO ops.anomaly_flag (order_id, line_no, order_date, order_ts, product_id, quantity, baseline_median,
             baseline_sigma, threshold, z_score, method, k, min_history, min_sigma, baseline_lines)
             VALUES ('O-ST', 1, '2025-01-01', '2025-01-01', 'P', 9, 1, 1, 3, 8, 'stddev', 2, 5, 0, 30)$$),
    ('st', $$DELETE FROM ops.anomaly_flag$$),
    ('st', $$INSERT INTO ops.anomaly_event (flag_id, db_role, session_role, console_user, from_status, to_status, is_reopen,
             version) VALUES (900001, 'x', 'x', 'x', 'NEW', 'RESOLVED', false, 2)$$),
    ('st', $$DELETE FROM ops.anomaly_event$$),
    ('st', $$UPDATE ops.anomaly_baseline SET threshold = 0$$),
    ('st', $$INSERT INTO ops.pipeline_run (source_kind, started_by, spec) VALUES ('x', 'x', '{}')$$),
    ('st', $$DELETE FROM ops.pipeline_run$$),
    ('st', $$UPDATE dw.fact_order_line SET quantity = 1$$),
    ('st', $$INSERT INTO quarantine.rejected_row (run_id, table_name, source_line, stage, raw_record, reasons)
             VALUES (900002, 'orders', 3, 'load', 'x', '{bad}')$$),
    ('st', $$UPDATE mart.settings SET churn_days = 1$$),
    ('st', $$SELECT * FROM ops.flag_anomalies(900002, '{}')$$),
    ('st', $$SELECT * FROM ops.refresh_anomaly_baselines('stddev', 2, 5, 0, '{}')$$),
    ('st', $$SELECT ops.create_staging_partition('orders', 900002)$$),
    ('st', $$SELECT ops.refresh_mart('revenue_daily', false)$$),
    -- the analyst writing anything, or reading past the marts
    ('an', $$UPDATE mart.settings SET churn_days = 1$$),
    ('an', $$REFRESH MATERIALIZED VIEW mart.revenue_daily$$),
    ('an', $$SELECT ops.refresh_mart('revenue_daily', false)$$),
    ('an', $$INSERT INTO ops.pipeline_run (source_kind, started_by, spec) VALUES ('x', 'x', '{}')$$),
    ('an', $$DELETE FROM ops.schema_migrations$$),
    ('an', $$UPDATE ops.anomaly_flag SET status = 'RESOLVED'$$),
    ('an', $$SELECT * FROM ops.triage_anomaly(ARRAY[900001]::bigint[], ARRAY[1], 'RESOLVED', '', 'x')$$),
    ('an', $$SELECT * FROM ops.rebaseline_anomalies('stddev', 2, 5, 0, '{}')$$),
    ('an', $$SELECT count(*) FROM dw.fact_order_line$$),
    ('an', $$SELECT count(*) FROM ops.anomaly_flag$$),
    ('an', $$SELECT count(*) FROM ops.pipeline_run$$),
    ('an', $$SELECT ops.add_run_note(900001, 'x', 'x')$$);

SELECT throws_ok(format('SELECT pg_temp.as_role(%L, %L)', r.role, f.sql), '42501', NULL,
                 format('%s is refused: %s', r.role, regexp_replace(left(f.sql, 90), '\s+', ' ', 'g')))
FROM refused f JOIN role_alias r USING (alias) ORDER BY r.role, f.sql;

-- …and what each role's job needs still works.
SELECT lives_ok($$SELECT pg_temp.as_role('ecomops_steward',
    'SELECT * FROM ops.triage_anomaly(ARRAY[900001]::bigint[], ARRAY[1], ''REVIEWED'', ''tap'', ''tap'')')$$,
    'the steward triages through the function');
SELECT is((SELECT status || ' v' || version FROM ops.anomaly_flag WHERE flag_id = 900001), 'REVIEWED v2',
          'and the flag changed, with its audit row')
UNION ALL
SELECT is((SELECT count(*)::int FROM ops.anomaly_event WHERE flag_id = 900001), 1, 'one event recorded');
SELECT lives_ok($$SELECT pg_temp.as_role('ecomops_operator', 'SELECT * FROM ops.flag_anomalies(900002, ''{}'')')$$,
                'the operator runs detection');
SELECT lives_ok($$SELECT pg_temp.as_role('ecomops_steward',
    'SELECT * FROM ops.rebaseline_anomalies(''stddev'', 2, 5, 0, ''{}'')')$$,
                'the steward recomputes the baselines through the function');
SELECT lives_ok($$SELECT pg_temp.as_role('ecomops_steward', 'SELECT ops.add_run_note(900001, ''checked'', ''tap'')')$$,
                'the steward adds a note to a finished run');
SELECT lives_ok($$SELECT pg_temp.as_role('ecomops_operator', 'SELECT ops.add_run_note(900001, ''re-run'', ''tap'')')$$,
                'and so does the operator');
SELECT is((SELECT count(*)::int FROM ops.run_note WHERE run_id = 900001 AND author = session_user), 2,
          'each note names the session''s login role');
SELECT lives_ok($$SELECT pg_temp.as_role('ecomops_operator', 'SELECT ops.create_staging_partition(''orders'', 900002)')$$,
                'the operator creates its running run''s staging partition');
SELECT lives_ok($$SELECT pg_temp.as_role('ecomops_operator', 'INSERT INTO staging.orders_r900002 (source_line) VALUES (2)')$$,
                'and loads it');
SELECT lives_ok($$SELECT pg_temp.as_role('ecomops_operator', 'SELECT ops.attach_staging_partition(''orders'', 900002)')$$,
                'and attaches it');
SELECT lives_ok($$SELECT pg_temp.as_role('ecomops_operator', 'SELECT ops.refresh_mart(''revenue_daily'', false)')$$,
                'the operator refreshes a mart');
SELECT lives_ok($$SELECT pg_temp.as_role('ecomops_operator',
    'UPDATE ops.pipeline_run SET status = ''failed'', ended_at = now() WHERE run_id = 900002')$$,
    'the operator ends its running run');
SELECT lives_ok($$SELECT pg_temp.as_role('ecomops_analyst',
    'SELECT * FROM mart.top_products, mart.kpi_summary(''2025-01-01'', ''2025-12-31'')')$$,
    'the analyst reads the KPI marts');

SELECT * FROM finish();
ROLLBACK;
