-- Least-privilege group roles (DESIGN.md, "Roles"). Roles belong to the
-- whole cluster while migrations run per database, so creating them is
-- idempotent (and tolerant of another database's migration creating them at
-- the same moment); the grants are per database.
--
--   ecomops_operator  runs pipelines: writes staging, quarantine, dw and the
--                     ops run records, computes baselines and raises flags;
--                     reads everything it writes and the marts. It cannot
--                     change a flag once raised, nor triage.
--   ecomops_steward   reads dw, ops, quarantine and mart; changes triage
--                     fields only, through ops.triage_anomaly (no UPDATE,
--                     DELETE or INSERT on any table).
--   ecomops_analyst   reads mart only (and ops.schema_migrations, so a console
--                     can tell whether the database is up to date).
--
-- Login roles are granted membership (GRANT ecomops_steward TO alice).
-- ops.grant_ecomops_privileges() re-applies the table grants; default
-- privileges cover what later migrations create, and the migrator may call
-- the function again after applying any migration to be sure.
--
-- PostgreSQL 15 reserves some commands to a table's owner whatever the
-- grants: CREATE TABLE … PARTITION OF (new staging and fact partitions) and
-- REFRESH MATERIALIZED VIEW. An operator that is not the owner needs those
-- steps run through SECURITY DEFINER helpers, or the pipeline run as the
-- owner.

-- A migrator without CREATEROLE needs an administrator to create the three
-- roles first; then this block leaves them alone.
DO $roles$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES
            ('ecomops_operator', 'EcomOps: runs pipelines (staging, quarantine, dw, ops runs, anomaly detection).'),
            ('ecomops_steward', 'EcomOps: reads warehouse and ops; triages anomalies through ops.triage_anomaly only.'),
            ('ecomops_analyst', 'EcomOps: reads the KPI marts only.')) AS v(name, comment)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r.name);
                EXECUTE format('COMMENT ON ROLE %I IS %L', r.name, r.comment);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- created by a concurrent migration of another database
            END;
        END IF;
    END LOOP;
END
$roles$;

CREATE FUNCTION ops.grant_ecomops_privileges() RETURNS void
    LANGUAGE plpgsql AS $fn$
DECLARE
    s text;
BEGIN
    -- Operator: DML on what a run writes; schema CREATE where runs add partitions.
    FOREACH s IN ARRAY ARRAY['staging', 'quarantine', 'dw', 'ops'] LOOP
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO ecomops_operator', s);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO ecomops_operator', s);
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO ecomops_operator', s);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ecomops_operator', s);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO ecomops_operator', s);
    END LOOP;
    GRANT CREATE ON SCHEMA staging, dw TO ecomops_operator;
    GRANT USAGE ON SCHEMA mart TO ecomops_operator;
    GRANT SELECT ON ALL TABLES IN SCHEMA mart TO ecomops_operator;
    ALTER DEFAULT PRIVILEGES IN SCHEMA mart GRANT SELECT ON TABLES TO ecomops_operator;
    -- A run raises flags and never touches them again; the audit trail and
    -- the migrations ledger are not the operator's to write.
    REVOKE UPDATE, DELETE ON ops.anomaly_flag FROM ecomops_operator;
    REVOKE INSERT, UPDATE, DELETE ON ops.anomaly_event, ops.schema_migrations FROM ecomops_operator;

    -- Steward: read-only everywhere it looks; triage through the function.
    FOREACH s IN ARRAY ARRAY['quarantine', 'dw', 'ops', 'mart'] LOOP
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO ecomops_steward', s);
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO ecomops_steward', s);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO ecomops_steward', s);
    END LOOP;
    GRANT EXECUTE ON FUNCTION ops.triage_anomaly(bigint[], integer[], text, text, text) TO ecomops_steward;

    -- Analyst: the marts (tables, views and materialized views; their
    -- functions read only marts and are executable by PUBLIC).
    GRANT USAGE ON SCHEMA mart TO ecomops_analyst;
    GRANT SELECT ON ALL TABLES IN SCHEMA mart TO ecomops_analyst;
    ALTER DEFAULT PRIVILEGES IN SCHEMA mart GRANT SELECT ON TABLES TO ecomops_analyst;
    GRANT USAGE ON SCHEMA ops TO ecomops_analyst;
    GRANT SELECT ON ops.schema_migrations TO ecomops_analyst;

    -- Detection is the operator's (the owner and superusers may always).
    REVOKE ALL ON FUNCTION ops.refresh_anomaly_baselines(text, double precision, integer, double precision, text[], bigint, interval),
                           ops.flag_anomalies(bigint, text[]) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION ops.refresh_anomaly_baselines(text, double precision, integer, double precision, text[], bigint, interval),
                              ops.flag_anomalies(bigint, text[]) TO ecomops_operator;
END
$fn$;
COMMENT ON FUNCTION ops.grant_ecomops_privileges() IS
    'Grants the ecomops_operator/steward/analyst privileges on the objects of this database (idempotent).';
REVOKE ALL ON FUNCTION ops.grant_ecomops_privileges() FROM PUBLIC;

DO $grant$ BEGIN PERFORM ops.grant_ecomops_privileges(); END $grant$;
