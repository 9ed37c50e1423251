-- Orders → dw.fact_order. An empty customer is a guest checkout (the unknown
-- member), not a reject; a customer that is given but resolves to nothing is
-- a split-stream reject.
CREATE OR REPLACE FUNCTION dw.transform_orders(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
    lo date;
    hi date;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_orders;
    CREATE TEMP TABLE w_orders ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.order_id) AS order_id,
           dw.nullif_blank(s.customer_id) AS customer_id,
           t.order_ts,
           dw.nullif_blank(s.channel) AS channel,
           dw.nullif_blank(s.status) AS status,
           dw.nullif_blank(s.payment_method) AS payment_method,
           dw.nullif_blank(s.country_code) AS country_code,
           t.items_subtotal, t.discount_total, t.shipping_fee, t.order_total,
           NULL::bigint AS customer_sk,
           array_remove(ARRAY[
               dw.check_required('order_id', s.order_id),
               dw.check_required('order_ts', s.order_ts),
               dw.check_cast('order_ts', s.order_ts, t.order_ts IS NOT NULL, 'a timestamp'),
               dw.check_cast('items_subtotal', s.items_subtotal, t.items_subtotal IS NOT NULL, 'an amount'),
               dw.check_cast('discount_total', s.discount_total, t.discount_total IS NOT NULL, 'an amount'),
               dw.check_cast('shipping_fee', s.shipping_fee, t.shipping_fee IS NOT NULL, 'an amount'),
               dw.check_cast('order_total', s.order_total, t.order_total IS NOT NULL, 'an amount')], NULL) AS problems
    FROM staging.orders s
    CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.order_ts) AS order_ts,
                               dw.try_money(s.items_subtotal) AS items_subtotal,
                               dw.try_money(s.discount_total) AS discount_total,
                               dw.try_money(s.shipping_fee) AS shipping_fee,
                               dw.try_money(s.order_total) AS order_total) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'orders' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'orders', 'pg_temp.w_orders');
    PERFORM dw.flag_duplicates(p_run, 'orders', 'pg_temp.w_orders', ARRAY['order_id']);
    ANALYZE w_orders;
    UPDATE w_orders w
    SET problems = w.problems || dw.problem('transform.reference',
            format('order %s references unknown customer %s', w.order_id, w.customer_id))
    WHERE w.customer_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM dw.dim_customer d WHERE d.customer_id = w.customer_id);
    UPDATE w_orders w
    SET problems = w.problems || dw.problem('transform.reference',
            format('order %s references unknown country %s', w.order_id, w.country_code))
    WHERE w.country_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM dw.dim_country c WHERE c.country_code = w.country_code);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'orders', 'pg_temp.w_orders');

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
    RETURN QUERY SELECT 'orders'::text, n_read, n_read - n_bad, n_bad;
END
$fn$;
