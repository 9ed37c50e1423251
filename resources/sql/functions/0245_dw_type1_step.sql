-- The whole step of a type-1 dimension whose rows need nothing but their
-- own fields (postcodes, sellers): read, flag later copies of the key,
-- quarantine, upsert by key. Reports nothing when the source staged none.
CREATE OR REPLACE FUNCTION dw.type1_step(p_run bigint, p_table text, p_target regclass, p_key text[])
    RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    work text := 'w_' || p_table;
    counts dw.transform_count;
BEGIN
    counts := dw.open_step(p_run, p_table, work);
    PERFORM dw.flag_duplicates(p_run, p_table, 'pg_temp.' || work, p_key);
    counts := dw.quarantine_step(p_run, counts, work);
    PERFORM dw.upsert_facts(p_run, p_target, format('SELECT * FROM pg_temp.%I', work), p_key);
    EXECUTE format('DROP TABLE pg_temp.%I', work);
    RETURN QUERY SELECT * FROM dw.step_count(counts.table_name, counts.rows_read, counts.rows_quarantined);
END
$fn$;
