-- The transform stage: staged rows of one run → dimensions and facts.
--
-- Each dw.transform_<step>(run_id) is one step the engine calls (progress and
-- cancel between steps), in the order dw.transform_steps() lists. Each step
-- shares one frame, and states only what is its own:
--   1. dw.open_step reads the run's staged rows that no earlier stage
--      quarantined into a temporary work table, typed by the table's view
--      dw.staged_<table> (every field cast defensively, dw.try_*, with the
--      problems of empty or unparsable needed fields), and quarantines the
--      rows that have problems;
--   2. the step flags later copies of a business key ("duplicate of line N")
--      and rows whose references resolve neither in this run nor in what the
--      warehouse already holds ("order 7 references unknown customer 99"),
--      and dw.quarantine_step moves them to the quarantine;
--   3. the step applies the rest (SCD rules for dimensions, dw.upsert_facts
--      by business key for facts), writing only rows whose values change, so
--      the same snapshot loaded twice leaves every dw table as it was;
--   4. the step returns its dw.transform_count row per staged table:
--      read = loaded + quarantined.
-- Work tables are temporary (ON COMMIT DROP) and dropped when a step ends.
-- New dimension versions are first collected in a work table and inserted
-- from there: a statement that reads a dimension while inserting into it can
-- rescan its own fresh pages row after row when the planner believes the
-- dimension empty (its state before a first load), which is quadratic.
CREATE OR REPLACE FUNCTION dw.open_step(p_run bigint, p_table text, p_work text) RETURNS dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    typed regclass := format('dw.%I', 'staged_' || p_table)::regclass;
    columns text;
    counts dw.transform_count;
BEGIN
    SELECT string_agg(format('v.%I', a.attname), ', ' ORDER BY a.attnum) INTO columns
    FROM pg_attribute a
    WHERE a.attrelid = typed AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'run_id';
    EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', p_work);
    EXECUTE format($q$
        CREATE TEMP TABLE %1$I ON COMMIT DROP AS
        SELECT %2$s
        FROM %3$s v
        WHERE v.run_id = $1
          AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                          WHERE q.run_id = $1 AND q.table_name = $2 AND q.source_line = v.source_line)$q$,
        p_work, columns, typed)
    USING p_run, p_table;
    GET DIAGNOSTICS counts.rows_read = ROW_COUNT;
    counts.table_name := p_table;
    counts.rows_loaded := counts.rows_read;
    counts.rows_quarantined := 0;
    RETURN dw.quarantine_step(p_run, counts, p_work);
END
$fn$;
COMMENT ON FUNCTION dw.open_step(bigint, text, text) IS
    'Starts a transform step: the run''s staged rows of a table, typed by dw.staged_<table>, in a work table; '
    'rows with problems quarantined.';
