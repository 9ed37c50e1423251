-- Recomputes every product's baseline now (the steward's "recompute
-- baselines", `ecomops anomalies rebaseline`, a monthly schedule) and returns
-- the products whose threshold changed, before and after, largest change
-- first. The comparison happens here, set-based, in the caller's transaction:
-- the baselines before are held in a variable, ops.refresh_anomaly_baselines
-- replaces them, and one join says what moved. It runs as the owner so a
-- steward can rebaseline without any write privilege on the table.
--
-- "Changed": a baseline appeared or disappeared, or its threshold moved by
-- more than 1e-9 relative; recomputing unchanged lines can differ in the
-- last bits (floating-point sums depend on scan order), which is not a change.
CREATE OR REPLACE FUNCTION ops.rebaseline_anomalies(
    p_method text, p_k double precision, p_min_history integer, p_min_sigma double precision,
    p_excluded_statuses text[])
    RETURNS TABLE (product_id text, threshold_before double precision, threshold_after double precision,
                   median_before double precision, median_after double precision,
                   sigma_before double precision, sigma_after double precision,
                   lines_before bigint, lines_after bigint, enough_history boolean)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
#variable_conflict use_column
DECLARE
    v_before ops.anomaly_baseline[];
BEGIN
    -- Two rebaselines at once would each report the other's changes.
    PERFORM pg_advisory_xact_lock(hashtext('ops.rebaseline_anomalies'));
    v_before := ARRAY(SELECT b FROM ops.anomaly_baseline b);
    PERFORM * FROM ops.refresh_anomaly_baselines(p_method, p_k, p_min_history, p_min_sigma, p_excluded_statuses);
    RETURN QUERY
    SELECT coalesce(a.product_id, o.product_id), o.threshold, a.threshold, o.median, a.median, o.sigma, a.sigma,
           o.lines, a.lines, coalesce(a.enough_history, false)
    FROM unnest(v_before) o
    FULL JOIN ops.anomaly_baseline a ON a.product_id = o.product_id
    WHERE o.product_id IS NULL OR a.product_id IS NULL
       OR abs(a.threshold - o.threshold) > 1e-9 * greatest(1.0, abs(o.threshold))
    ORDER BY abs(coalesce(a.threshold, 0) - coalesce(o.threshold, 0)) DESC, 1;
END
$fn$;
COMMENT ON FUNCTION ops.rebaseline_anomalies(text, double precision, integer, double precision, text[]) IS
    'Recomputes every product baseline now and returns those whose threshold changed (before, after).';
REVOKE ALL ON FUNCTION ops.rebaseline_anomalies(text, double precision, integer, double precision, text[]) FROM PUBLIC;
