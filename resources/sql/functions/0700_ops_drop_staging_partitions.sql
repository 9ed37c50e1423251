-- Drops the run's staging partitions (of one table, or all when p_table is
-- NULL), attached or not, of a run that did not succeed. Returns how many.
CREATE OR REPLACE FUNCTION ops.drop_staging_partitions(p_run bigint, p_table text DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_status text;
    v_part record;
    v_dropped integer := 0;
BEGIN
    SELECT r.status INTO v_status FROM ops.pipeline_run r WHERE r.run_id = p_run;
    IF v_status = 'succeeded' THEN
        RAISE EXCEPTION 'run % succeeded: its staging is history and is not dropped', p_run USING ERRCODE = '42501';
    END IF;
    FOR v_part IN
        SELECT c.relname
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_class p ON p.relnamespace = n.oid AND p.relkind = 'p'
        WHERE n.nspname = 'staging' AND c.relkind = 'r'
          AND c.relname = p.relname || '_r' || p_run
          AND (p_table IS NULL OR p.relname = p_table)
    LOOP
        EXECUTE pg_catalog.format('DROP TABLE staging.%I', v_part.relname);
        v_dropped := v_dropped + 1;
    END LOOP;
    RETURN v_dropped;
END
$fn$;
