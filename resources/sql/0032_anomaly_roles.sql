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
