-- The robust detector (pipeline/anomalies/DETECTOR.md): median and MAD of the
-- logarithm of the quantity per product ("log_mad"). Order quantities are
-- multiplicative (packs of 6, 12, 24, 120), so distance is measured as a
-- ratio to the product's usual quantity, not as a difference.
--
-- Baselines and flags keep their quantity-scale median and threshold; for
-- log_mad the spread (sigma, min_sigma) and the z-score are in natural-log
-- units. Every baseline also keeps the middle 80 % of its lines' quantities
-- (p10, p90), which is what a flag's explanation quotes ("usually sells 6 to
-- 24 per line"); a flag freezes the band it was measured against.
ALTER TABLE ops.anomaly_baseline DROP CONSTRAINT anomaly_baseline_method_check;
ALTER TABLE ops.anomaly_baseline ADD CONSTRAINT anomaly_baseline_method_check
    CHECK (method IN ('stddev', 'mad', 'log_mad'));
ALTER TABLE ops.anomaly_baseline
    ADD COLUMN p10 double precision,
    ADD COLUMN p90 double precision;
COMMENT ON COLUMN ops.anomaly_baseline.sigma IS
    'The spread the method uses: stddev, 1.4826·MAD (mad), or 1.4826·MAD of ln(quantity) (log_mad, in log units).';
COMMENT ON COLUMN ops.anomaly_baseline.p10 IS 'The 10th percentile of the baseline lines'' quantities.';
COMMENT ON COLUMN ops.anomaly_baseline.p90 IS 'The 90th percentile of the baseline lines'' quantities.';

ALTER TABLE ops.anomaly_flag DROP CONSTRAINT anomaly_flag_method_check;
ALTER TABLE ops.anomaly_flag ADD CONSTRAINT anomaly_flag_method_check
    CHECK (method IN ('stddev', 'mad', 'log_mad'));
ALTER TABLE ops.anomaly_flag
    ADD COLUMN baseline_p10 double precision,
    ADD COLUMN baseline_p90 double precision;
COMMENT ON COLUMN ops.anomaly_flag.z_score IS
    'Distance above the median in spreads: (quantity − median) / max(sigma, min_sigma), for log_mad on ln(quantity).';
