-- Marks the later copies of a business key within one run: an exact copy
-- (the same staged record) is "duplicate of line N"; a different record with
-- the same key is "same <key> as line N with different values". The first
-- line wins.
CREATE OR REPLACE FUNCTION dw.flag_duplicates(p_run bigint, p_table text, p_work text, p_key text[]) RETURNS bigint
    LANGUAGE plpgsql AS $fn$
DECLARE
    key_list text := (SELECT string_agg(format('%I', k), ', ') FROM unnest(p_key) k);
    later bigint[];
    firsts bigint[];
    flagged bigint;
BEGIN
    -- Keys that occur more than once (a hash aggregate), then their lines.
    EXECUTE format($q$
        SELECT array_agg(d.source_line), array_agg(d.first_line)
        FROM (SELECT w.source_line, min(w.source_line) OVER (PARTITION BY %1$s) AS first_line
              FROM %2$s w
              JOIN (SELECT %1$s FROM %2$s GROUP BY %1$s HAVING count(*) > 1) k USING (%1$s)) d
        WHERE d.first_line <> d.source_line$q$, key_list, p_work)
    INTO later, firsts;
    IF later IS NULL THEN
        RETURN 0;
    END IF;
    EXECUTE format($q$
        UPDATE %1$s w
        SET problems = w.problems || dw.problem('transform.duplicate',
                CASE WHEN %4$s IS NOT DISTINCT FROM %5$s THEN format('duplicate of line %%s', x.first_line)
                     ELSE format('same %3$s as line %%s with different values', x.first_line) END)
        FROM unnest($2::bigint[], $3::bigint[]) AS x(source_line, first_line)
        JOIN staging.%2$I a ON a.run_id = $1 AND a.source_line = x.source_line
        JOIN staging.%2$I b ON b.run_id = $1 AND b.source_line = x.first_line
        WHERE w.source_line = x.source_line$q$,
        p_work, p_table, replace(array_to_string(p_key, ', '), '%', '%%'),
        dw.staged_record_sql(p_table, 'a'), dw.staged_record_sql(p_table, 'b'))
    USING p_run, later, firsts;
    GET DIAGNOSTICS flagged = ROW_COUNT;
    RETURN flagged;
END
$fn$;
COMMENT ON FUNCTION dw.flag_duplicates(bigint, text, text, text[]) IS
    'Flags later copies of a business key in a transform work table (the lowest source line wins).';
