-- The SQL expression that rebuilds a staged row of `p_table` (alias
-- `p_alias`) as its CSV record: every column but run_id and source_line, in
-- table order, trailing NULL fields left out (columns a source does not have
-- come last and would only add commas). Records are rebuilt only for rows
-- that are quarantined or compared, never for the whole run.
CREATE OR REPLACE FUNCTION dw.staged_record_sql(p_table text, p_alias text) RETURNS text
    LANGUAGE sql STABLE
    RETURN (SELECT format('rtrim(dw.csv_record(VARIADIC ARRAY[%s]::text[]), '','')',
                          string_agg(format('%I.%I', p_alias, a.attname), ', ' ORDER BY a.attnum))
            FROM pg_attribute a
            WHERE a.attrelid = format('staging.%I', p_table)::regclass
              AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('run_id', 'source_line'));
