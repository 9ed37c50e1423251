-- Moves the rows of a step's work table that collected problems to the
-- quarantine, and counts them against the step.
CREATE OR REPLACE FUNCTION dw.quarantine_step(p_run bigint, p_counts dw.transform_count, p_work text)
    RETURNS dw.transform_count
    LANGUAGE sql AS $fn$
    SELECT dw.add_rejects(p_counts, dw.quarantine_problems(p_run, (p_counts).table_name, 'pg_temp.' || p_work))
$fn$;
