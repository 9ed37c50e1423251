-- Postcodes → dw.dim_zip_code (type 1). Runs before sellers, whose postcodes
-- the quality stage checks against them.
CREATE OR REPLACE FUNCTION dw.transform_zip_codes(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_zip_codes;
    CREATE TEMP TABLE w_zip_codes ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.zip_code) AS zip_code,
           dw.nullif_blank(s.city) AS city,
           dw.nullif_blank(s.state) AS state,
           t.latitude, t.longitude, t.points,
           array_remove(ARRAY[
               dw.check_required('zip_code', s.zip_code),
               dw.check_cast('latitude', s.latitude, t.latitude IS NOT NULL AND abs(t.latitude) <= 90, 'a latitude'),
               dw.check_cast('longitude', s.longitude, t.longitude IS NOT NULL, 'a longitude'),
               dw.check_cast('points', s.points, t.points IS NOT NULL, 'a count')], NULL) AS problems
    FROM staging.zip_codes s
    CROSS JOIN LATERAL (SELECT dw.try_coordinate(s.latitude) AS latitude, dw.try_coordinate(s.longitude) AS longitude,
                               dw.try_int(s.points) AS points) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'zip_codes' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'zip_codes', 'pg_temp.w_zip_codes');
    PERFORM dw.flag_duplicates(p_run, 'zip_codes', 'pg_temp.w_zip_codes', ARRAY['zip_code']);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'zip_codes', 'pg_temp.w_zip_codes');
    PERFORM dw.upsert_facts(p_run, 'dw.dim_zip_code', 'SELECT * FROM w_zip_codes', ARRAY['zip_code']);
    DROP TABLE w_zip_codes;
    RETURN QUERY SELECT * FROM dw.step_count('zip_codes', n_read, n_bad);
END
$fn$;
