-- Sellers → dw.dim_seller (type 1). A postcode the geolocation file does not
-- know is the quality stage's integrity finding, not a reason to drop the
-- seller (most exports come without geolocation).
CREATE OR REPLACE FUNCTION dw.transform_sellers(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_sellers;
    CREATE TEMP TABLE w_sellers ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.seller_id) AS seller_id,
           dw.nullif_blank(s.zip_code) AS zip_code,
           dw.nullif_blank(s.city) AS city,
           dw.nullif_blank(s.state) AS state,
           array_remove(ARRAY[dw.check_required('seller_id', s.seller_id)], NULL) AS problems
    FROM staging.sellers s
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'sellers' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'sellers', 'pg_temp.w_sellers');
    PERFORM dw.flag_duplicates(p_run, 'sellers', 'pg_temp.w_sellers', ARRAY['seller_id']);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'sellers', 'pg_temp.w_sellers');
    PERFORM dw.upsert_facts(p_run, 'dw.dim_seller', 'SELECT * FROM w_sellers', ARRAY['seller_id']);
    DROP TABLE w_sellers;
    RETURN QUERY SELECT * FROM dw.step_count('sellers', n_read, n_bad);
END
$fn$;
