-- Clickstream → dw.fact_event. customer_id and product_id may be empty
-- (anonymous sessions, pages without a product); when present they must
-- resolve.
CREATE OR REPLACE FUNCTION dw.transform_events(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    counts dw.transform_count;
    lo date;
    hi date;
BEGIN
    counts := dw.open_step(p_run, 'events', 'w_events');
    PERFORM dw.flag_duplicates(p_run, 'events', 'pg_temp.w_events', ARRAY['event_id']);
    ANALYZE w_events;
    PERFORM dw.flag_unresolved('w_events', 'event', 'event_id', 'customer_id', 'dw.dim_customer', 'customer');
    PERFORM dw.flag_unresolved('w_events', 'event', 'event_id', 'product_id', 'dw.dim_product', 'product');
    counts := dw.quarantine_step(p_run, counts, 'w_events');

    SELECT min(event_ts)::date, max(event_ts)::date INTO lo, hi FROM w_events;
    PERFORM dw.ensure_month_partitions('dw.fact_event', lo, hi);
    PERFORM dw.extend_dim_date(lo, hi);

    PERFORM dw.upsert_facts(p_run, 'dw.fact_event', 'SELECT w.*, w.event_ts::date AS event_date FROM w_events w', ARRAY['event_id']);

    DROP TABLE w_events;
    RETURN NEXT counts;
END
$fn$;
