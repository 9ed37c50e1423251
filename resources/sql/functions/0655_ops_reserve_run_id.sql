-- A run's id, drawn before its row is written: the run recorder takes the
-- run's advisory lock on it first, and keys the insert on it, so the insert
-- can be made again after a commit whose outcome was lost with the
-- connection. SECURITY DEFINER because an identity column's sequence is the
-- owner's: the roles insert runs without any right on it.
CREATE OR REPLACE FUNCTION ops.reserve_run_id()
    RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT nextval(pg_get_serial_sequence('ops.pipeline_run', 'run_id'))
$fn$;
COMMENT ON FUNCTION ops.reserve_run_id() IS
    'A new run id from ops.pipeline_run''s identity, for an insert that names it (OVERRIDING SYSTEM VALUE).';
REVOKE ALL ON FUNCTION ops.reserve_run_id() FROM PUBLIC;
