-- Sellers → dw.dim_seller (type 1). A postcode the geolocation file does not
-- know is the quality stage's integrity finding, not a reason to drop the
-- seller (most exports come without geolocation).
CREATE OR REPLACE FUNCTION dw.transform_sellers(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    counts dw.transform_count;
BEGIN
    counts := dw.open_step(p_run, 'sellers', 'w_sellers');
    PERFORM dw.flag_duplicates(p_run, 'sellers', 'pg_temp.w_sellers', ARRAY['seller_id']);
    counts := dw.quarantine_step(p_run, counts, 'w_sellers');
    PERFORM dw.upsert_facts(p_run, 'dw.dim_seller', 'SELECT * FROM w_sellers', ARRAY['seller_id']);
    DROP TABLE w_sellers;
    RETURN QUERY SELECT * FROM dw.step_count(counts.table_name, counts.rows_read, counts.rows_quarantined);
END
$fn$;
