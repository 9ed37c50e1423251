-- Flags every counted line above its product's threshold (products with
-- enough history only) that has no flag yet, whatever that flag's status:
-- a re-run never duplicates a flag nor resets its triage. Returns the new
-- flags per product and notifies open consoles when there are any. It runs
-- as the owner: flags are created only here (no role may write the table),
-- and every object is named with its schema.
CREATE OR REPLACE FUNCTION ops.flag_anomalies(p_run bigint, p_excluded_statuses text[])
    RETURNS TABLE (product_id text, new_flags bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_excluded text[] := ops.lower_statuses(p_excluded_statuses);
    v_products text[];
    v_counts bigint[];
BEGIN
    WITH inserted AS (
        INSERT INTO ops.anomaly_flag AS f
            (order_id, line_no, order_date, order_ts, product_id, product_sk, customer_sk, quantity, baseline_median,
             baseline_sigma, threshold, z_score, method, k, min_history, min_sigma, baseline_lines, run_id,
             baseline_p10, baseline_p90)
        SELECT l.order_id, l.line_no, l.order_date, l.order_ts, l.product_id, l.product_sk, l.customer_sk, l.quantity,
               b.median, b.sigma, b.threshold,
               CASE WHEN b.method = 'log_mad' THEN ln(l.quantity / b.median) ELSE l.quantity - b.median END
                   / greatest(b.sigma, b.min_sigma, 1e-9),
               b.method, b.k, b.min_history, b.min_sigma, b.lines, p_run, b.p10, b.p90
        FROM dw.fact_order_line l
        JOIN ops.anomaly_baseline b ON b.product_id = l.product_id
        WHERE b.enough_history
          AND l.quantity > b.threshold
          AND ops.anomaly_line_counts(l.status, l.quantity, v_excluded)
          AND NOT EXISTS (SELECT 1 FROM ops.anomaly_flag x WHERE x.order_id = l.order_id AND x.line_no = l.line_no)
        ORDER BY l.order_date, l.order_id, l.line_no
        ON CONFLICT ON CONSTRAINT anomaly_flag_one_per_line DO NOTHING
        RETURNING f.product_id
    )
    SELECT array_agg(x.product_id ORDER BY x.n DESC, x.product_id), array_agg(x.n ORDER BY x.n DESC, x.product_id)
    INTO v_products, v_counts
    FROM (SELECT i.product_id, count(*) AS n FROM inserted i GROUP BY i.product_id) x;
    IF v_products IS NOT NULL THEN
        PERFORM pg_notify('ecomops_anomaly',
                          json_build_object('kind', 'detected', 'run_id', p_run,
                                            'new_flags', (SELECT sum(c) FROM unnest(v_counts) c),
                                            'at', now(), 'at_ms', (extract(epoch FROM now()) * 1000)::bigint)::text);
    END IF;
    RETURN QUERY SELECT u.p, u.n FROM unnest(v_products, v_counts) WITH ORDINALITY AS u(p, n, i) ORDER BY u.i;
END
$fn$;
COMMENT ON FUNCTION ops.flag_anomalies(bigint, text[]) IS
    'Raises NEW flags for counted lines above their product threshold that have none yet; returns new flags per product.';
