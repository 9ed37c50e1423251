-- Orders → dw.fact_order. An empty customer is a guest checkout (the unknown
-- member), not a reject; a customer that is given but resolves to nothing is
-- a split-stream reject.
CREATE OR REPLACE FUNCTION dw.transform_orders(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    counts dw.transform_count;
    lo date;
    hi date;
BEGIN
    counts := dw.open_step(p_run, 'orders', 'w_orders');
    PERFORM dw.flag_duplicates(p_run, 'orders', 'pg_temp.w_orders', ARRAY['order_id']);
    ANALYZE w_orders;
    PERFORM dw.flag_unresolved('w_orders', 'order', 'order_id', 'customer_id', 'dw.dim_customer', 'customer');
    PERFORM dw.flag_unresolved('w_orders', 'order', 'order_id', 'country_code', 'dw.dim_country', 'country');
    counts := dw.quarantine_step(p_run, counts, 'w_orders');

    UPDATE w_orders w
    SET customer_sk = v.customer_sk
    FROM dw.customer_version_span v
    WHERE v.customer_id = w.customer_id AND w.order_ts >= v.span_from AND w.order_ts < v.span_to;
    UPDATE w_orders w SET customer_sk = dw.unknown_customer_sk() WHERE w.customer_id IS NULL;
    ANALYZE w_orders;

    SELECT min(order_ts)::date, max(order_ts)::date INTO lo, hi FROM w_orders;
    PERFORM dw.ensure_month_partitions('dw.fact_order', lo, hi);
    PERFORM dw.extend_dim_date(lo, hi);

    -- Orders already in the warehouse whose header changes: their lines,
    -- payments and invoices follow (below), wherever they were loaded from.
    DROP TABLE IF EXISTS pg_temp.w_order_changes;
    CREATE TEMP TABLE w_order_changes ON COMMIT DROP AS
    SELECT w.order_id, w.order_ts, w.order_ts::date AS order_date, w.customer_sk, w.country_code, w.channel, w.status
    FROM w_orders w
    JOIN dw.fact_order f ON f.order_id = w.order_id
    WHERE (f.order_ts, f.customer_sk, f.country_code, f.channel, f.status)
          IS DISTINCT FROM (w.order_ts, w.customer_sk, w.country_code, w.channel, w.status);

    PERFORM dw.upsert_facts(p_run, 'dw.fact_order', 'SELECT w.*, w.order_ts::date AS order_date FROM w_orders w', ARRAY['order_id']);

    IF EXISTS (SELECT 1 FROM w_order_changes) THEN
        SELECT min(order_date), max(order_date) INTO lo, hi FROM w_order_changes;
        PERFORM dw.ensure_month_partitions('dw.fact_order_line', lo, hi);
        PERFORM dw.ensure_month_partitions('dw.fact_payment', lo, hi);
        PERFORM dw.ensure_month_partitions('dw.fact_invoice', lo, hi);
        UPDATE dw.fact_order_line l
        SET order_date = c.order_date, order_ts = c.order_ts, customer_sk = c.customer_sk,
            country_code = c.country_code, channel = c.channel, status = c.status,
            product_sk = v.product_sk, updated_run_id = p_run
        FROM w_order_changes c, dw.product_version_span v
        WHERE l.order_id = c.order_id
          AND v.product_id = l.product_id AND c.order_ts >= v.span_from AND c.order_ts < v.span_to;
        UPDATE dw.fact_payment p
        SET order_date = c.order_date, customer_sk = c.customer_sk, updated_run_id = p_run
        FROM w_order_changes c
        WHERE p.order_id = c.order_id AND (p.order_date, p.customer_sk) IS DISTINCT FROM (c.order_date, c.customer_sk);
        UPDATE dw.fact_invoice i
        SET order_date = c.order_date, updated_run_id = p_run
        FROM w_order_changes c
        WHERE i.order_id = c.order_id AND i.order_date <> c.order_date;
    END IF;

    DROP TABLE w_order_changes;
    DROP TABLE w_orders;
    RETURN NEXT counts;
END
$fn$;
