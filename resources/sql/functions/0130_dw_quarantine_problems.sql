-- Moves every row of a work table that collected problems into the
-- quarantine (stage 'transform'), with its staged record, and removes it from
-- the work table. Work tables have the columns source_line and problems
-- text[]; p_work names a temporary table of the caller.
CREATE OR REPLACE FUNCTION dw.quarantine_problems(p_run bigint, p_table text, p_work text) RETURNS bigint
    LANGUAGE plpgsql AS $fn$
DECLARE
    found_any boolean;
    moved bigint;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE cardinality(problems) > 0)', p_work) INTO found_any;
    IF NOT found_any THEN
        RETURN 0;
    END IF;
    EXECUTE format($q$
        WITH bad AS (
            DELETE FROM %1$s w WHERE cardinality(w.problems) > 0
            RETURNING w.source_line, w.problems)
        INSERT INTO quarantine.rejected_row (run_id, table_name, source_line, stage, raw_record, reasons, rule_ids)
        SELECT $1, $2, b.source_line, 'transform', coalesce(%3$s, ''),
               ARRAY(SELECT split_part(p, chr(31), 2) FROM unnest(b.problems) WITH ORDINALITY u(p, i) ORDER BY i),
               ARRAY(SELECT split_part(p, chr(31), 1) FROM unnest(b.problems) WITH ORDINALITY u(p, i) ORDER BY i)
        FROM bad b
        LEFT JOIN staging.%2$I s ON s.run_id = $1 AND s.source_line = b.source_line$q$,
        p_work, p_table, dw.staged_record_sql(p_table, 's'))
    USING p_run, p_table;
    GET DIAGNOSTICS moved = ROW_COUNT;
    RETURN moved;
END
$fn$;
COMMENT ON FUNCTION dw.quarantine_problems(bigint, text, text) IS
    'Moves the rows of a transform work table that collected problems into quarantine.rejected_row.';
