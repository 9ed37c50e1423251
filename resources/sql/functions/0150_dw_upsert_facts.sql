-- Applies a work table to a fact by business key, writing only the fact's
-- columns the source query has: the order and line steps write their columns,
-- the fulfilment step writes the milestone and freight columns of the same
-- rows without touching the others.
CREATE OR REPLACE FUNCTION dw.upsert_facts(p_run bigint, p_target regclass, p_source text, p_key text[]) RETURNS bigint
    LANGUAGE plpgsql AS $fn$
DECLARE
    cols text[];
    col_list text;
    s_list text;
    t_list text;
    key_match text;
    updated bigint;
    inserted bigint;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_upsert_shape;
    EXECUTE format('CREATE TEMP TABLE w_upsert_shape ON COMMIT DROP AS SELECT * FROM (%s) s LIMIT 0', p_source);
    SELECT array_agg(a.attname::text ORDER BY a.attnum) INTO cols
    FROM pg_attribute a
    WHERE a.attrelid = p_target AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attname NOT IN ('created_run_id', 'updated_run_id')
      AND EXISTS (SELECT 1 FROM pg_attribute s
                  WHERE s.attrelid = 'pg_temp.w_upsert_shape'::regclass AND s.attname = a.attname AND NOT s.attisdropped);
    DROP TABLE w_upsert_shape;
    col_list := (SELECT string_agg(format('%I', c), ', ') FROM unnest(cols) c);
    s_list := (SELECT string_agg(format('s.%I', c), ', ') FROM unnest(cols) c);
    t_list := (SELECT string_agg(format('t.%I', c), ', ') FROM unnest(cols) c);
    key_match := (SELECT string_agg(format('t.%1$I = s.%1$I', k), ' AND ') FROM unnest(p_key) k);
    EXECUTE format('UPDATE %1$s t SET (%2$s, updated_run_id) = (%3$s, $1) FROM (%4$s) s '
                   'WHERE %5$s AND (%6$s) IS DISTINCT FROM (%3$s)',
                   p_target, col_list, s_list, p_source, key_match, t_list)
    USING p_run;
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXECUTE format('INSERT INTO %1$s (%2$s, created_run_id, updated_run_id) SELECT %3$s, $1, $1 FROM (%4$s) s '
                   'WHERE NOT EXISTS (SELECT 1 FROM %1$s t WHERE %5$s)',
                   p_target, col_list, s_list, p_source, key_match)
    USING p_run;
    GET DIAGNOSTICS inserted = ROW_COUNT;
    RETURN updated + inserted;
END
$fn$;
COMMENT ON FUNCTION dw.upsert_facts(bigint, regclass, text, text[]) IS
    'Updates changed and inserts new rows by business key, writing the target columns the source has; '
    'identical rows are left untouched.';
