-- For the console: each rule's result with its description.
CREATE OR REPLACE VIEW ops.quality_rule_result AS
SELECT f.run_id, f.table_name, f.rule_id, f.dimension, f.severity, f.checked, f.failed_count,
       CASE WHEN f.checked > 0 THEN round(100.0 * (f.checked - f.failed_count) / f.checked, 3) END AS pass_percent,
       r.description, r.columns, r.kind, f.examples
FROM ops.quality_failure f
LEFT JOIN ops.quality_rule r ON r.rule_id = f.rule_id;
COMMENT ON VIEW ops.quality_rule_result IS 'Per run, table and rule: checks, failures, pass rate, description and examples.';
