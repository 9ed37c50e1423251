-- Postcodes → dw.dim_zip_code (type 1). Runs before sellers, whose postcodes
-- the quality stage checks against them.
CREATE OR REPLACE FUNCTION dw.transform_zip_codes(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    counts dw.transform_count;
BEGIN
    counts := dw.open_step(p_run, 'zip_codes', 'w_zip_codes');
    PERFORM dw.flag_duplicates(p_run, 'zip_codes', 'pg_temp.w_zip_codes', ARRAY['zip_code']);
    counts := dw.quarantine_step(p_run, counts, 'w_zip_codes');
    PERFORM dw.upsert_facts(p_run, 'dw.dim_zip_code', 'SELECT * FROM w_zip_codes', ARRAY['zip_code']);
    DROP TABLE w_zip_codes;
    RETURN QUERY SELECT * FROM dw.step_count(counts.table_name, counts.rows_read, counts.rows_quarantined);
END
$fn$;
