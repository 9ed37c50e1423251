-- Clickstream → dw.fact_event. customer_id and product_id may be empty
-- (anonymous sessions, pages without a product); when present they must
-- resolve.
CREATE OR REPLACE FUNCTION dw.transform_events(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
    lo date;
    hi date;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_events;
    CREATE TEMP TABLE w_events ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.event_id) AS event_id,
           dw.nullif_blank(s.session_id) AS session_id,
           dw.nullif_blank(s.customer_id) AS customer_id,
           t.event_ts,
           dw.nullif_blank(s.event_type) AS event_type,
           dw.nullif_blank(s.product_id) AS product_id,
           array_remove(ARRAY[
               dw.check_required('event_id', s.event_id),
               dw.check_required('event_ts', s.event_ts),
               dw.check_cast('event_ts', s.event_ts, t.event_ts IS NOT NULL, 'a timestamp')], NULL) AS problems
    FROM staging.events s
    CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.event_ts) AS event_ts) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'events' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'events', 'pg_temp.w_events');
    PERFORM dw.flag_duplicates(p_run, 'events', 'pg_temp.w_events', ARRAY['event_id']);
    ANALYZE w_events;
    UPDATE w_events w
    SET problems = w.problems || dw.problem('transform.reference',
            format('event %s references unknown customer %s', w.event_id, w.customer_id))
    WHERE w.customer_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM dw.dim_customer d WHERE d.customer_id = w.customer_id);
    UPDATE w_events w
    SET problems = w.problems || dw.problem('transform.reference',
            format('event %s references unknown product %s', w.event_id, w.product_id))
    WHERE w.product_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM dw.dim_product d WHERE d.product_id = w.product_id);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'events', 'pg_temp.w_events');

    SELECT min(event_ts)::date, max(event_ts)::date INTO lo, hi FROM w_events;
    PERFORM dw.ensure_month_partitions('dw.fact_event', lo, hi);
    PERFORM dw.extend_dim_date(lo, hi);

    PERFORM dw.upsert_facts(p_run, 'dw.fact_event', 'SELECT w.*, w.event_ts::date AS event_date FROM w_events w', ARRAY['event_id']);

    DROP TABLE w_events;
    RETURN QUERY SELECT 'events'::text, n_read, n_read - n_bad, n_bad;
END
$fn$;
