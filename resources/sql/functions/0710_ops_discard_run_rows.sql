-- Removes what an unfinished run wrote before an attempt is repeated or the
-- run is undone:
--   'load'     the table's rows quarantined at load (p_table required)
--   'validate' the quality results and the rows quarantined by validation
--   'scores'   the quality results only (the publish stage scores a run again
--              after the transform; the quarantine stays)
--   'run'      every quarantined row and quality result of the run
-- Returns the rows removed.
CREATE OR REPLACE FUNCTION ops.discard_run_rows(p_run bigint, p_scope text, p_table text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_rows bigint := 0;
    v_n bigint;
BEGIN
    PERFORM ops.require_unfinished_run(p_run);
    IF p_scope = 'load' THEN
        IF p_table IS NULL THEN
            RAISE EXCEPTION 'discarding load rows needs a table' USING ERRCODE = '22023';
        END IF;
        DELETE FROM quarantine.rejected_row q WHERE q.run_id = p_run AND q.stage = 'load' AND q.table_name = p_table;
        GET DIAGNOSTICS v_rows = ROW_COUNT;
        RETURN v_rows;
    ELSIF p_scope NOT IN ('validate', 'run', 'scores') THEN
        RAISE EXCEPTION 'unknown scope "%" (load, validate, scores or run)', p_scope USING ERRCODE = '22023';
    END IF;
    DELETE FROM ops.quality_failure x WHERE x.run_id = p_run;
    GET DIAGNOSTICS v_n = ROW_COUNT; v_rows := v_rows + v_n;
    DELETE FROM ops.quality_score x WHERE x.run_id = p_run;
    GET DIAGNOSTICS v_n = ROW_COUNT; v_rows := v_rows + v_n;
    DELETE FROM ops.quality_gate x WHERE x.run_id = p_run;
    GET DIAGNOSTICS v_n = ROW_COUNT; v_rows := v_rows + v_n;
    DELETE FROM ops.quality_null x WHERE x.run_id = p_run;
    GET DIAGNOSTICS v_n = ROW_COUNT; v_rows := v_rows + v_n;
    DELETE FROM ops.quality_run x WHERE x.run_id = p_run;
    GET DIAGNOSTICS v_n = ROW_COUNT; v_rows := v_rows + v_n;
    DELETE FROM quarantine.rejected_row q
    WHERE q.run_id = p_run AND p_scope <> 'scores' AND (p_scope = 'run' OR q.stage = 'validate');
    GET DIAGNOSTICS v_n = ROW_COUNT; v_rows := v_rows + v_n;
    RETURN v_rows;
END
$fn$;
