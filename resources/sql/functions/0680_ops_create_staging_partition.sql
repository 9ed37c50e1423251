-- A new, empty, detached partition staging.<table>_r<run> for the run's
-- COPY (replacing one left by an earlier attempt). Created inside the
-- caller's transaction, so COPY … FREEZE is allowed and a rollback leaves
-- nothing. Returns the partition's qualified name.
CREATE OR REPLACE FUNCTION ops.create_staging_partition(p_table text, p_run bigint) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_parent regclass := ops.staging_parent(p_table);
    v_part text := pg_catalog.format('staging.%I', p_table || '_r' || p_run);
BEGIN
    PERFORM ops.require_unfinished_run(p_run);
    IF pg_catalog.to_regclass(v_part) IS NOT NULL THEN  -- (no NOTICE from DROP … IF EXISTS)
        EXECUTE pg_catalog.format('DROP TABLE %s', v_part);
    END IF;
    EXECUTE pg_catalog.format('CREATE TABLE %s (LIKE %s INCLUDING DEFAULTS)', v_part, v_parent);
    EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN run_id SET DEFAULT %s, ADD CHECK (run_id = %s)',
                              v_part, p_run, p_run);
    -- The same rights as on the parent, whatever default privileges say.
    EXECUTE pg_catalog.format('GRANT SELECT, INSERT ON %s TO ecomops_operator', v_part);
    RETURN v_part;
END
$fn$;
