-- The count row of a step, unless the source staged nothing for its table.
CREATE OR REPLACE FUNCTION dw.step_count(p_table text, p_read bigint, p_bad bigint) RETURNS SETOF dw.transform_count
    LANGUAGE sql IMMUTABLE
    AS $fn$ SELECT p_table, p_read, p_read - p_bad, p_bad WHERE p_read > 0 $fn$;
