-- The quantity baseline of each product as the given settings would compute
-- it now, written nowhere: ops.refresh_anomaly_baselines stores it, the
-- settings preview (what a steward would get with other settings) reads it.
-- Products: all with counted lines (p_products NULL), or only those named.
--
-- Per product, over its counted lines that no steward RESOLVED:
--   stddev   median and sample σ of the quantity;
--   mad      median and 1.4826·MAD (1.2533·mean |x − median| when MAD = 0);
--   log_mad  on ln(quantity), as quantities are multiplicative: the larger
--            of 1.4826·MAD and the upper-tail spread (Q90 − median)/1.2816.
--            Order lines pile up on a product's usual pack (MAD is 0 when
--            more than half the lines hold it), while what matters for a
--            one-sided detector is how far its ordinary lines reach up.
--            The spread is read with whole numbers taken for what they are:
--            a line of 2 stands for anything from 1.5 to 2.5, so the n lines
--            holding a quantity q are spread evenly over that cell (at
--            q − ½ + (i − ½)/n) before MAD and Q90 are taken. Otherwise a
--            product sold as 1, 2 or 3 with its 2s just under half of the
--            lines gets MAD = ln 1.5 — the whole step to the next integer —
--            σ = 0.60 and a threshold of 11× its median (DETECTOR.md).
-- The median, mean and threshold are returned on the quantity scale for
-- every method; sigma (and p_min_sigma) are in the method's units.
-- p10 and p90 are the middle 80 % of the quantities, for explanations.
CREATE OR REPLACE FUNCTION ops.anomaly_baseline_stats(
    p_method text, p_k double precision, p_min_history integer, p_min_sigma double precision,
    p_excluded_lower text[], p_products text[] DEFAULT NULL)
    RETURNS TABLE (product_id text, lines bigint, resolved_lines bigint, median double precision,
                   mean double precision, stddev double precision, mad double precision, sigma double precision,
                   threshold double precision, enough_history boolean, p10 double precision, p90 double precision)
    LANGUAGE sql STABLE AS $fn$
    WITH resolved AS (
        SELECT f.order_id, f.line_no FROM ops.anomaly_flag f WHERE f.status = 'RESOLVED'
    ), candidate AS (
        -- q is what the method measures: the quantity, or its logarithm.
        SELECT l.product_id,
               CASE WHEN p_method = 'log_mad' THEN ln(l.quantity) ELSE l.quantity END::double precision AS q,
               l.quantity::double precision AS quantity, r.order_id IS NOT NULL AS resolved,
               -- ln of the line's place in its whole-number cell; which line
               -- takes which place does not matter, only the set of places.
               ln(l.quantity - 0.5 + (row_number() OVER cell - 0.5) / count(*) OVER cell) AS cell_q
        FROM dw.fact_order_line l
        LEFT JOIN resolved r ON r.order_id = l.order_id AND r.line_no = l.line_no
        WHERE ops.anomaly_line_counts(l.status, l.quantity, p_excluded_lower)
          AND (p_products IS NULL OR l.product_id = ANY (p_products))
        WINDOW cell AS (PARTITION BY l.product_id, l.quantity, r.order_id IS NOT NULL)
    ), stats AS (
        SELECT c.product_id,
               count(*) FILTER (WHERE NOT c.resolved) AS n,
               count(*) FILTER (WHERE c.resolved) AS n_resolved,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY c.q) FILTER (WHERE NOT c.resolved) AS median,
               avg(c.q) FILTER (WHERE NOT c.resolved) AS mean,
               coalesce(stddev_samp(c.q) FILTER (WHERE NOT c.resolved), 0) AS sd,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY c.cell_q) FILTER (WHERE NOT c.resolved) AS cell_q90,
               percentile_cont(0.1) WITHIN GROUP (ORDER BY c.quantity) FILTER (WHERE NOT c.resolved) AS p10,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY c.quantity) FILTER (WHERE NOT c.resolved) AS p90
        FROM candidate c GROUP BY c.product_id
    ), robust AS (
        -- MAD, and the mean absolute deviation for when more than half the
        -- lines sit on the median (MAD = 0), scaled to estimate σ.
        -- log_mad measures the deviations of the lines' places in their cells.
        SELECT c.product_id,
               percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY abs(CASE WHEN p_method = 'log_mad' THEN c.cell_q ELSE c.q END - s.median)) AS mad,
               avg(abs(c.q - s.median)) AS meanad
        FROM candidate c JOIN stats s ON s.product_id = c.product_id
        WHERE p_method IN ('mad', 'log_mad') AND NOT c.resolved
        GROUP BY c.product_id
    ), computed AS (
        SELECT s.product_id, s.n, s.n_resolved, s.median, s.mean, s.sd, r.mad, s.p10, s.p90,
               CASE WHEN p_method = 'stddev' THEN s.sd
                    WHEN p_method = 'log_mad' THEN greatest(1.4826 * r.mad, (s.cell_q90 - s.median) / 1.2816)
                    WHEN r.mad > 0 THEN 1.4826 * r.mad
                    ELSE 1.2533 * r.meanad END AS sigma
        FROM stats s LEFT JOIN robust r ON r.product_id = s.product_id
        WHERE s.n > 0   -- every line RESOLVED: nothing left to measure
    )
    SELECT c.product_id, c.n, c.n_resolved,
           CASE WHEN p_method = 'log_mad' THEN exp(c.median) ELSE c.median END,
           CASE WHEN p_method = 'log_mad' THEN exp(c.mean) ELSE c.mean END,
           c.sd, c.mad, c.sigma,
           CASE WHEN p_method = 'log_mad' THEN exp(c.median + p_k * greatest(c.sigma, p_min_sigma))
                ELSE c.median + p_k * greatest(c.sigma, p_min_sigma) END,
           c.n >= p_min_history, c.p10, c.p90
    FROM computed c
$fn$;
COMMENT ON FUNCTION ops.anomaly_baseline_stats(text, double precision, integer, double precision, text[], text[]) IS
    'Per product: the quantity baseline the given settings compute now (nothing is written).';
