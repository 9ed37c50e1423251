-- For the console: scores with their run, newest first (scorecard and trend).
CREATE OR REPLACE VIEW ops.quality_scorecard AS
SELECT s.run_id, r.queued_at, r.status AS run_status, q.gate_status, s.table_name, s.dimension, s.score,
       s.threshold, s.passed, s.checked, s.failed, s.weight
FROM ops.quality_score s
JOIN ops.pipeline_run r ON r.run_id = s.run_id
LEFT JOIN ops.quality_run q ON q.run_id = s.run_id;
COMMENT ON VIEW ops.quality_scorecard IS 'Quality scores with their run (time, status, gate verdict), for scorecards and trends.';
