-- Computes baselines: every product (p_reuse_within NULL), or only those
-- whose baseline is missing, older than p_reuse_within or computed with
-- other parameters. Returns what it did. It runs as the owner: baselines
-- are written only here (no role may write the table), and every object is
-- named with its schema.
CREATE OR REPLACE FUNCTION ops.refresh_anomaly_baselines(
    p_method text, p_k double precision, p_min_history integer, p_min_sigma double precision,
    p_excluded_statuses text[], p_run bigint DEFAULT NULL, p_reuse_within interval DEFAULT NULL)
    RETURNS TABLE (products bigint, products_with_history bigint, lines bigint, resolved_lines bigint, removed bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_excluded text[] := ops.lower_statuses(p_excluded_statuses);
BEGIN
    IF p_method IS NULL OR p_method NOT IN ('stddev', 'mad', 'log_mad') THEN
        RAISE EXCEPTION 'unknown anomaly method %', p_method USING ERRCODE = '22023';
    END IF;
    IF p_k IS NULL OR p_k <= 0 OR p_min_history IS NULL OR p_min_history < 2 OR p_min_sigma IS NULL OR p_min_sigma < 0 THEN
        RAISE EXCEPTION 'anomaly parameters out of range (k %, min_history %, min_sigma %)', p_k, p_min_history, p_min_sigma
            USING ERRCODE = '22023';
    END IF;
    RETURN QUERY
    WITH scope AS (
        SELECT DISTINCT l.product_id
        FROM dw.fact_order_line l
        WHERE p_reuse_within IS NULL
           OR NOT EXISTS (SELECT 1 FROM ops.anomaly_baseline b
                          WHERE b.product_id = l.product_id AND b.method = p_method AND b.k = p_k
                            AND b.min_history = p_min_history AND b.min_sigma = p_min_sigma
                            AND b.computed_at > now() - p_reuse_within)
    ), computed AS (
        SELECT * FROM ops.anomaly_baseline_stats(
            p_method, p_k, p_min_history, p_min_sigma, v_excluded,
            CASE WHEN p_reuse_within IS NULL THEN NULL ELSE ARRAY(SELECT s.product_id FROM scope s) END)
    ), upserted AS (
        INSERT INTO ops.anomaly_baseline AS b
            (product_id, method, k, min_history, min_sigma, excluded_statuses, lines, resolved_lines, median, mean, stddev, mad, sigma,
             threshold, enough_history, computed_at, computed_run_id, p10, p90)
        SELECT c.product_id, p_method, p_k, p_min_history, p_min_sigma, v_excluded, c.lines, c.resolved_lines, c.median,
               c.mean, c.stddev, c.mad, c.sigma, c.threshold, c.enough_history, now(), p_run, c.p10, c.p90
        FROM computed c
        ON CONFLICT (product_id) DO UPDATE
            SET method = excluded.method, k = excluded.k, min_history = excluded.min_history,
                min_sigma = excluded.min_sigma, excluded_statuses = excluded.excluded_statuses, lines = excluded.lines, resolved_lines = excluded.resolved_lines,
                median = excluded.median, mean = excluded.mean, stddev = excluded.stddev, mad = excluded.mad,
                sigma = excluded.sigma, threshold = excluded.threshold, enough_history = excluded.enough_history,
                computed_at = excluded.computed_at, computed_run_id = excluded.computed_run_id,
                p10 = excluded.p10, p90 = excluded.p90
        RETURNING b.product_id, b.lines, b.resolved_lines, b.enough_history
    ), dropped AS (
        -- Products in scope with no line left to measure lose their baseline.
        DELETE FROM ops.anomaly_baseline b
        WHERE (p_reuse_within IS NULL OR b.product_id IN (SELECT s.product_id FROM scope s))
          AND NOT EXISTS (SELECT 1 FROM computed c WHERE c.product_id = b.product_id)
        RETURNING b.product_id
    )
    SELECT count(*), count(*) FILTER (WHERE u.enough_history), coalesce(sum(u.lines), 0)::bigint,
           coalesce(sum(u.resolved_lines), 0)::bigint, (SELECT count(*) FROM dropped)
    FROM upserted u;
END
$fn$;
COMMENT ON FUNCTION ops.refresh_anomaly_baselines(text, double precision, integer, double precision, text[], bigint, interval) IS
    'Recomputes product quantity baselines (all, or only missing/stale ones); RESOLVED lines are left out.';
