-- What the given detector settings would flag on the warehouse as it is now,
-- written nowhere: the settings preview ("with these settings the last run
-- would have raised N flags") and the detector study (DETECTOR.md) read it.
-- The lines are those ops.flag_anomalies would look at with the same
-- settings (counted lines of products with enough history, above the
-- threshold); already_flagged says whether the line has a flag of any status,
-- so a run with these settings now raises exactly the rows where it is false.
-- p_run limits the lines to those a run wrote last (NULL: every line).
CREATE OR REPLACE FUNCTION ops.preview_anomaly_flags(
    p_method text, p_k double precision, p_min_history integer, p_min_sigma double precision,
    p_excluded_statuses text[], p_run bigint DEFAULT NULL)
    RETURNS TABLE (order_id text, line_no integer, product_id text, quantity integer, threshold double precision,
                   already_flagged boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT l.order_id, l.line_no, l.product_id, l.quantity, b.threshold, f.flag_id IS NOT NULL
    FROM ops.anomaly_baseline_stats(p_method, p_k, p_min_history, p_min_sigma,
                                    ops.lower_statuses(p_excluded_statuses)) b
    JOIN dw.fact_order_line l ON l.product_id = b.product_id
    LEFT JOIN ops.anomaly_flag f ON f.order_id = l.order_id AND f.line_no = l.line_no
    WHERE b.enough_history
      AND l.quantity > b.threshold
      AND ops.anomaly_line_counts(l.status, l.quantity, ops.lower_statuses(p_excluded_statuses))
      AND (p_run IS NULL OR l.updated_run_id = p_run)
$fn$;
COMMENT ON FUNCTION ops.preview_anomaly_flags(text, double precision, integer, double precision, text[], bigint) IS
    'The lines the given detector settings would flag now (nothing is written); already_flagged: it has a flag.';
