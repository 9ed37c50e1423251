-- The order lines anomaly detection looks at. p_excluded_lower holds the
-- excluded statuses in lower case (callers lower them once, so this stays a
-- plain expression the planner inlines).
CREATE OR REPLACE FUNCTION ops.anomaly_line_counts(p_status text, p_quantity integer, p_excluded_lower text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN p_quantity > 0 AND lower(coalesce(p_status, '')) <> ALL (coalesce(p_excluded_lower, '{}'));
COMMENT ON FUNCTION ops.anomaly_line_counts(text, integer, text[]) IS
    'Whether an order line takes part in anomaly detection: a positive quantity, an order status not excluded (lower case).';
