-- The privileges of the three group roles, stated once and
-- applied exactly. Everything a run needs, and nothing more:
--
--   ecomops_operator  runs pipelines. Lands rows in staging (SELECT, INSERT;
--                     its partitions come from ops.create_staging_partition),
--                     quarantines rows (SELECT, INSERT, UPDATE), writes the
--                     warehouse (dw: SELECT, INSERT, UPDATE, DELETE — the
--                     transform runs as the caller), records runs, stages, log
--                     lines and quality results (INSERT, and UPDATE where a
--                     record is upserted), sets mart.settings. It never
--                     DELETEs run history (pipeline_run cascades to stage
--                     results, log, quality rows and quarantine) and never
--                     writes ops.anomaly_flag, ops.anomaly_event or
--                     ops.anomaly_baseline: detection (ops.flag_anomalies,
--                     ops.refresh_anomaly_baselines) and triage
--                     (ops.triage_anomaly) are SECURITY DEFINER functions.
--                     Owner-only steps go through SECURITY DEFINER functions.
--   ecomops_steward   reads quarantine, dw, ops and mart; changes flags only
--                     through ops.triage_anomaly.
--   ecomops_analyst   reads mart (what the KPI workspace shows) and
--                     ops.schema_migrations (is the database up to date).
--
-- Functions: nobody executes a function of these schemas unless listed
-- here; PUBLIC's default EXECUTE is revoked, also for functions created
-- later (ALTER DEFAULT PRIVILEGES), except that every function of dw is the
-- operator's (the transform's helpers). A new function any role calls
-- directly, or through a view it reads, needs a line below.
--
-- tests/database/privileges.sql checks the result against its own copy of
-- this matrix, so a grant added or removed anywhere fails that test.
CREATE OR REPLACE FUNCTION ops.grant_ecomops_privileges() RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    s text;
    r record;
    v_roles constant text := 'ecomops_operator, ecomops_steward, ecomops_analyst';
    v_op text;
    v_st text;
    v_an text;
BEGIN
    -- Start from nothing, so the grants below are the whole truth.
    FOREACH s IN ARRAY ARRAY['staging', 'quarantine', 'dw', 'ops', 'mart'] LOOP
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC, %s', s, v_roles);
        EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM PUBLIC, %s', s, v_roles);
        EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM PUBLIC, %s', s, v_roles);
        EXECUTE format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA %I FROM PUBLIC, %s', s, v_roles);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON TABLES FROM %s', s, v_roles);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON SEQUENCES FROM %s', s, v_roles);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON FUNCTIONS FROM %s', s, v_roles);
    END LOOP;
    ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

    -- Schemas (no CREATE for anyone: partitions come from the owner's functions).
    GRANT USAGE ON SCHEMA staging, quarantine, dw, ops, mart TO ecomops_operator;
    GRANT USAGE ON SCHEMA quarantine, dw, ops, mart TO ecomops_steward;
    GRANT USAGE ON SCHEMA ops, mart TO ecomops_analyst;

    -- Tables, views and materialized views, partitions included.
    FOR r IN
        SELECT n.nspname, c.relname, c.relkind IN ('r', 'p') AS writable
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('staging', 'quarantine', 'dw', 'ops', 'mart') AND c.relkind IN ('r', 'p', 'v', 'm')
    LOOP
        v_op := CASE
            WHEN NOT r.writable THEN 'SELECT'
            WHEN r.nspname = 'staging' THEN 'SELECT, INSERT'
            WHEN r.nspname = 'quarantine' THEN 'SELECT, INSERT, UPDATE'
            WHEN r.nspname = 'dw' THEN 'SELECT, INSERT, UPDATE, DELETE'
            WHEN r.nspname = 'mart' AND r.relname = 'settings' THEN 'SELECT, UPDATE'
            WHEN r.nspname = 'ops' AND r.relname IN ('pipeline_run', 'stage_result', 'quality_rule')
                THEN 'SELECT, INSERT, UPDATE'
            WHEN r.nspname = 'ops' AND r.relname IN ('run_log', 'quality_run', 'quality_score', 'quality_failure',
                                                     'quality_gate', 'quality_null')
                THEN 'SELECT, INSERT'
            ELSE 'SELECT' END;
        v_st := CASE WHEN r.nspname <> 'staging' THEN 'SELECT' END;
        v_an := CASE WHEN r.nspname = 'mart' OR (r.nspname = 'ops' AND r.relname = 'schema_migrations')
                     THEN 'SELECT' END;
        EXECUTE format('GRANT %s ON %I.%I TO ecomops_operator', v_op, r.nspname, r.relname);
        IF v_st IS NOT NULL THEN
            EXECUTE format('GRANT %s ON %I.%I TO ecomops_steward', v_st, r.nspname, r.relname);
        END IF;
        IF v_an IS NOT NULL THEN
            EXECUTE format('GRANT %s ON %I.%I TO ecomops_analyst', v_an, r.nspname, r.relname);
        END IF;
    END LOOP;
    -- What later migrations create gets the same rule by schema (an ops
    -- table a run writes needs its own GRANT).
    ALTER DEFAULT PRIVILEGES IN SCHEMA staging GRANT SELECT, INSERT ON TABLES TO ecomops_operator;
    ALTER DEFAULT PRIVILEGES IN SCHEMA quarantine GRANT SELECT, INSERT, UPDATE ON TABLES TO ecomops_operator;
    ALTER DEFAULT PRIVILEGES IN SCHEMA dw GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ecomops_operator;
    ALTER DEFAULT PRIVILEGES IN SCHEMA ops, mart GRANT SELECT ON TABLES TO ecomops_operator;
    ALTER DEFAULT PRIVILEGES IN SCHEMA quarantine, dw, ops, mart GRANT SELECT ON TABLES TO ecomops_steward;
    ALTER DEFAULT PRIVILEGES IN SCHEMA mart GRANT SELECT ON TABLES TO ecomops_analyst;
    -- Sequences: none. Every key is an identity column, whose sequence needs
    -- no grant of its own.

    -- Functions.
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA dw TO ecomops_operator;
    ALTER DEFAULT PRIVILEGES IN SCHEMA dw GRANT EXECUTE ON FUNCTIONS TO ecomops_operator;
    GRANT EXECUTE ON FUNCTION
        ops.create_staging_partition(text, bigint),
        ops.attach_staging_partition(text, bigint),
        ops.drop_staging_partitions(bigint, text),
        ops.discard_run_rows(bigint, text, text),
        ops.refresh_mart(text, boolean),
        ops.refresh_anomaly_baselines(text, double precision, integer, double precision, text[], bigint, interval),
        ops.flag_anomalies(bigint, text[]),
        ops.dq_money(text),
        ops.dq_timestamp(text),
        ops.reserve_run_id()
        TO ecomops_operator;
    -- Notes on past runs (the Runs history, `ecomops runs note`).
    GRANT EXECUTE ON FUNCTION ops.add_run_note(bigint, text, text) TO ecomops_operator, ecomops_steward;
    GRANT EXECUTE ON FUNCTION ops.triage_anomaly(bigint[], integer[], text, text, text),
                              ops.anomaly_transition_allowed(text, text)
        TO ecomops_steward;
    -- Recomputing every baseline on demand, with before/after thresholds
    -- (pipeline/anomalies/Rebaseline.h): stewards, and operators for a schedule.
    GRANT EXECUTE ON FUNCTION ops.rebaseline_anomalies(text, double precision, integer, double precision, text[])
        TO ecomops_operator, ecomops_steward;
    -- The flag list's filter (pipeline/anomalies/FlagQueries.cpp).
    GRANT EXECUTE ON FUNCTION ops.anomaly_line_counts(text, integer, text[]) TO ecomops_operator, ecomops_steward;
    -- The detector settings' preview (what other settings would flag now).
    GRANT EXECUTE ON FUNCTION
        ops.preview_anomaly_flags(text, double precision, integer, double precision, text[], bigint)
        TO ecomops_operator, ecomops_steward;
    -- The KPI workspace's queries; the other mart functions only feed
    -- materialized views, which run as their owner.
    GRANT EXECUTE ON FUNCTION
        mart.kpi_summary(date, date),
        mart.guest_share_between(date, date),
        mart.mix_between(date, date),
        mart.revenue_by_country_between(date, date),
        mart.status_mix_between(date, date),
        mart.top_categories_between(date, date, integer, text),
        mart.top_products_between(date, date, integer, text)
        TO ecomops_operator, ecomops_steward, ecomops_analyst;
END
$fn$;
COMMENT ON FUNCTION ops.grant_ecomops_privileges() IS
    'Grants the ecomops_operator/steward/analyst privileges on the objects of this database (idempotent).';
REVOKE ALL ON FUNCTION ops.grant_ecomops_privileges() FROM PUBLIC;
