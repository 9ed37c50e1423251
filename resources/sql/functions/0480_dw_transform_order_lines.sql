-- Order lines → dw.fact_order_line. The order resolves in this run or in the
-- warehouse (it is in dw.fact_order either way by now); the product version
-- is the one in effect at the order's time. A line without a unit price takes
-- the as-of list price, and its line_total is then quantity × price −
-- discount; a line that has no price and whose product had none in effect
-- then is quarantined (never a future price).
CREATE OR REPLACE FUNCTION dw.transform_order_lines(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    counts dw.transform_count;
    lo date;
    hi date;
BEGIN
    counts := dw.open_step(p_run, 'order_lines', 'w_lines');
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
    counts := dw.quarantine_step(p_run, counts, 'w_lines_resolved');
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
    RETURN NEXT counts;
END
$fn$;
