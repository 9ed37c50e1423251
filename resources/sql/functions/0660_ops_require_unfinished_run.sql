-- The steps of a run that PostgreSQL reserves to a table's owner, as
-- SECURITY DEFINER functions, so that a member of ecomops_operator (not the
-- owner) can run the pipeline: creating, attaching and dropping a run's
-- staging partitions (CREATE TABLE, ALTER TABLE … ATTACH PARTITION and DROP
-- TABLE need ownership of the partitioned table), creating the monthly fact
-- partitions the transform needs, refreshing the marts (REFRESH
-- MATERIALIZED VIEW needs ownership), and removing the rows a run in
-- progress wrote before it retries or gives up (the operator has no DELETE
-- on run history: these only touch a run that has not finished).
--
-- Each function runs as its owner (the role that migrates), so each one:
--   * pins search_path to pg_catalog, pg_temp and names every object with
--     its schema, so no caller's object can stand in for ours;
--   * takes names only as identifiers it checks against the catalogue
--     (a partitioned table of staging, a materialized view of mart) and
--     quotes them with format('%I');
--   * is executable only by the roles ops.grant_ecomops_privileges() names.
-- Replacing one later (CREATE OR REPLACE) must repeat SECURITY DEFINER and
-- the SET clause: CREATE OR REPLACE resets both.

-- Two helpers, called by the functions below (as their owner); no role
-- needs them directly. A run may only change its own rows while it has not
-- finished.
CREATE OR REPLACE FUNCTION ops.require_unfinished_run(p_run bigint) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_status text;
BEGIN
    SELECT r.status INTO v_status FROM ops.pipeline_run r WHERE r.run_id = p_run;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'run % does not exist', p_run USING ERRCODE = '22023';
    END IF;
    IF v_status NOT IN ('queued', 'running') THEN
        RAISE EXCEPTION 'run % has finished (%): its records are history and cannot be changed', p_run, v_status
            USING ERRCODE = '42501';
    END IF;
END
$fn$;
