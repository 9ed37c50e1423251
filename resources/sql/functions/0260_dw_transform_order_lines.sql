-- Order lines → dw.fact_order_line. The order resolves in this run or in the
-- warehouse (it is in dw.fact_order either way by now); the product version
-- is the one in effect at the order's time. A line without a unit price takes
-- the as-of list price, and its line_total is then quantity × price −
-- discount; a line that has no price and whose product had none in effect
-- then is quarantined (never a future price).
CREATE OR REPLACE FUNCTION dw.transform_order_lines(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
    lo date;
    hi date;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_lines;
    CREATE TEMP TABLE w_lines ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.order_id) AS order_id,
           t.line_no,
           dw.nullif_blank(s.product_id) AS product_id,
           t.quantity, t.unit_price, t.discount, t.line_total,
           array_remove(ARRAY[
               dw.check_required('order_id', s.order_id),
               dw.check_required('line_no', s.line_no),
               dw.check_cast('line_no', s.line_no, t.line_no IS NOT NULL, 'an integer'),
               dw.check_required('product_id', s.product_id),
               dw.check_required('quantity', s.quantity),
               dw.check_cast('quantity', s.quantity, t.quantity IS NOT NULL, 'an integer'),
               dw.check_cast('unit_price', s.unit_price, t.unit_price IS NOT NULL, 'an amount'),
               dw.check_cast('discount', s.discount, t.discount IS NOT NULL, 'an amount'),
               dw.check_cast('line_total', s.line_total, t.line_total IS NOT NULL, 'an amount')], NULL) AS problems
    FROM staging.order_lines s
    CROSS JOIN LATERAL (SELECT dw.try_int(s.line_no) AS line_no, dw.try_int(s.quantity) AS quantity,
                               dw.try_money(s.unit_price) AS unit_price, dw.try_money(s.discount) AS discount,
                               dw.try_money(s.line_total) AS line_total) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'order_lines' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'order_lines', 'pg_temp.w_lines');
    PERFORM dw.flag_duplicates(p_run, 'order_lines', 'pg_temp.w_lines', ARRAY['order_id', 'line_no']);
    ANALYZE w_lines;

    -- Resolve the order (its header, loaded by now whichever run brought it)
    -- and the product version as of the order: the latest valid_from ≤
    -- order_ts, or, for an order older than the product's first version, that
    -- first version (its price is then not used: see transform.price).
    DROP TABLE IF EXISTS pg_temp.w_lines_resolved;
    CREATE TEMP TABLE w_lines_resolved ON COMMIT DROP AS
    SELECT w.source_line, w.order_id, w.line_no, w.product_id, w.quantity, w.unit_price, w.discount,
           w.line_total, o.order_date, o.order_ts, o.customer_sk, o.country_code, o.channel, o.status,
           v.product_sk,
           CASE WHEN o.order_ts >= v.valid_from THEN v.unit_price END AS asof_price,
           w.problems
               || CASE WHEN o.order_id IS NULL THEN ARRAY[dw.problem('transform.reference',
                          format('line %s of order %s references unknown order %s', w.line_no, w.order_id, w.order_id))]
                       ELSE '{}'::text[] END
               || CASE WHEN k.product_id IS NULL THEN ARRAY[dw.problem('transform.reference',
                          format('line %s of order %s references unknown product %s', w.line_no, w.order_id, w.product_id))]
                       WHEN o.order_id IS NOT NULL AND w.unit_price IS NULL
                            AND (o.order_ts < v.valid_from OR v.unit_price IS NULL)
                       THEN ARRAY[dw.problem('transform.price',
                          format('line %s of order %s has no unit price and product %s had no price in effect at %s',
                                 w.line_no, w.order_id, w.product_id, o.order_ts))]
                       ELSE '{}'::text[] END AS problems
    FROM w_lines w
    LEFT JOIN dw.fact_order o ON o.order_id = w.order_id
    LEFT JOIN (SELECT DISTINCT product_id FROM dw.dim_product) k ON k.product_id = w.product_id
    LEFT JOIN dw.product_version_span v
           ON v.product_id = w.product_id AND o.order_ts >= v.span_from AND o.order_ts < v.span_to;
    DROP TABLE w_lines;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'order_lines', 'pg_temp.w_lines_resolved');
    ANALYZE w_lines_resolved;

    SELECT min(order_date), max(order_date) INTO lo, hi FROM w_lines_resolved;
    PERFORM dw.ensure_month_partitions('dw.fact_order_line', lo, hi);

    PERFORM dw.upsert_facts(p_run, 'dw.fact_order_line', 'SELECT w.order_id, w.line_no, w.order_date, w.order_ts, w.customer_sk, w.product_id, w.product_sk,
                   w.country_code, w.channel, w.status, w.quantity,
                   coalesce(w.unit_price, w.asof_price) AS unit_price,
                   coalesce(w.discount, 0) AS discount,
                   coalesce(w.line_total, w.quantity * coalesce(w.unit_price, w.asof_price) - coalesce(w.discount, 0))
                       AS line_total,
                   CASE WHEN w.unit_price IS NULL THEN ''as_of'' ELSE ''source'' END AS price_source
            FROM w_lines_resolved w', ARRAY['order_id', 'line_no']);

    DROP TABLE w_lines_resolved;
    RETURN QUERY SELECT 'order_lines'::text, n_read, n_read - n_bad, n_bad;
END
$fn$;
