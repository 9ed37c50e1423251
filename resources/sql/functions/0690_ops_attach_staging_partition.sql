-- Attaches the partition made by create_staging_partition (its CHECK lets
-- ATTACH skip the validation scan), after analysing it: the validate and
-- transform stages plan their joins over it a second later, and without
-- statistics the planner takes a 200,000-row table for 200 rows.
CREATE OR REPLACE FUNCTION ops.attach_staging_partition(p_table text, p_run bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_parent regclass := ops.staging_parent(p_table);
BEGIN
    PERFORM ops.require_unfinished_run(p_run);
    EXECUTE pg_catalog.format('ANALYZE staging.%I', p_table || '_r' || p_run);
    EXECUTE pg_catalog.format('ALTER TABLE %s ATTACH PARTITION staging.%I FOR VALUES IN (%s)',
                              v_parent, p_table || '_r' || p_run, p_run);
END
$fn$;
