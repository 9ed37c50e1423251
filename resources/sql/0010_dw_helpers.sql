-- Warehouse helpers: defensive casts, quarantine plumbing, monthly partitions
-- and the calendar. Everything the transform stage does happens inside
-- PostgreSQL, set-based; these functions are its vocabulary.
--
-- Casting: staging holds text. Each try_* function returns NULL instead of
-- raising, so a value that still does not parse after the validate stage
-- becomes a quarantine reason, never an aborted run. They use regular
-- expressions (no per-row exception blocks, which would cost a
-- subtransaction each).

CREATE FUNCTION dw.try_bigint(s text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN btrim(s) ~ '^[+-]?[0-9]{1,18}$' THEN btrim(s)::bigint END;
COMMENT ON FUNCTION dw.try_bigint(text) IS 'The text as bigint, or NULL when it is not an integer of up to 18 digits.';

CREATE FUNCTION dw.try_int(s text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN btrim(s) ~ '^[+-]?[0-9]{1,9}$' THEN btrim(s)::integer END;
COMMENT ON FUNCTION dw.try_int(text) IS 'The text as integer, or NULL when it is not an integer of up to 9 digits.';

-- Money: up to 10 integer digits and 4 significant decimals (the pipeline's
-- Decimal scale); "12.5", "-0.01", ".5" and "1.230000" are accepted, "1e3",
-- "1,5" and "0.00001" are not. The first test is the common shape and cheap;
-- the second handles the rest.
CREATE FUNCTION dw.try_money(s text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN s ~ '^-?[0-9]{1,10}(\.[0-9]{1,4})?$' THEN s::numeric(14, 4)
        WHEN btrim(s) ~ '^[+-]?([0-9]{1,10}(\.[0-9]*)?|\.[0-9]+)$'
             AND length(rtrim(coalesce(substring(btrim(s) FROM '\.([0-9]*)$'), ''), '0')) <= 4
        THEN btrim(s)::numeric(14, 4) END;
COMMENT ON FUNCTION dw.try_money(text) IS 'The text as an exact amount (numeric(14,4)), or NULL when it is not one.';

-- Timestamps: 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM', 'YYYY-MM-DD HH:MM:SS[.ffffff]'
-- (a 'T' separator is accepted), with the day checked against the month.
-- The first test is the common shape on a day that exists in every month.
-- STABLE, not IMMUTABLE: text → timestamp depends on settings (DateStyle),
-- and an honest volatility lets the planner inline the function.
CREATE FUNCTION dw.try_timestamp(s text) RETURNS timestamp
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE
        WHEN s ~ '^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$'
             AND substr(s, 6, 2) BETWEEN '01' AND '12' AND substr(s, 9, 2) BETWEEN '01' AND '28'
             AND substr(s, 12, 2) <= '23' AND substr(s, 15, 2) <= '59' AND substr(s, 18, 2) <= '59'
        THEN s::timestamp
        WHEN s ~ '^ *[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?)? *$'
        THEN CASE
            WHEN substr(btrim(s), 9, 2)::int
                 <= extract(day FROM make_date(substr(btrim(s), 1, 4)::int, substr(btrim(s), 6, 2)::int, 1)
                                     + interval '1 month' - interval '1 day')
            THEN btrim(s)::timestamp END
        END;
COMMENT ON FUNCTION dw.try_timestamp(text) IS 'The text as timestamp (ISO date with optional time), or NULL when it is not one.';

CREATE FUNCTION dw.try_date(s text) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN dw.try_timestamp(s)::date;
COMMENT ON FUNCTION dw.try_date(text) IS 'The text as date (a time part is accepted and dropped), or NULL when it is not one.';

-- An empty or blank field means "no value".
CREATE FUNCTION dw.nullif_blank(s text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN nullif(btrim(s), '');

-- The staged record rebuilt as one CSV line, for quarantine.raw_record.
CREATE FUNCTION dw.csv_record(VARIADIC fields text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT string_agg(CASE
                                  WHEN f IS NULL THEN ''
                                  WHEN f = '' OR f ~ '[",\r\n]' OR f <> btrim(f) THEN '"' || replace(f, '"', '""') || '"'
                                  ELSE f END,
                              ',' ORDER BY i)
            FROM unnest(fields) WITH ORDINALITY AS u(f, i));

-- A problem found with a staged row: its rule id and its reason in words,
-- packed into one text so a row can collect several in a text[] column.
CREATE FUNCTION dw.problem(rule_id text, reason text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN rule_id || chr(31) || reason;

-- The SQL expression that rebuilds a staged row of `p_table` (alias
-- `p_alias`) as its CSV record: every column but run_id and source_line, in
-- table order, trailing NULL fields left out (columns a source does not have
-- come last and would only add commas). Records are rebuilt only for rows
-- that are quarantined or compared, never for the whole run.
CREATE FUNCTION dw.staged_record_sql(p_table text, p_alias text) RETURNS text
    LANGUAGE sql STABLE
    RETURN (SELECT format('rtrim(dw.csv_record(VARIADIC ARRAY[%s]::text[]), '','')',
                          string_agg(format('%I.%I', p_alias, a.attname), ', ' ORDER BY a.attnum))
            FROM pg_attribute a
            WHERE a.attrelid = format('staging.%I', p_table)::regclass
              AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('run_id', 'source_line'));

-- Moves every row of a work table that collected problems into the
-- quarantine (stage 'transform'), with its staged record, and removes it from
-- the work table. Work tables have the columns source_line and problems
-- text[]; p_work names a temporary table of the caller.
CREATE FUNCTION dw.quarantine_problems(p_run bigint, p_table text, p_work text) RETURNS bigint
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

-- Marks the later copies of a business key within one run: an exact copy
-- (the same staged record) is "duplicate of line N"; a different record with
-- the same key is "same <key> as line N with different values". The first
-- line wins.
CREATE FUNCTION dw.flag_duplicates(p_run bigint, p_table text, p_work text, p_key text[]) RETURNS bigint
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

-- Applies a run's rows to a fact table by business key: rows whose values
-- differ are updated (moving to another partition if their date moved), new
-- keys are inserted, identical rows are not touched (so a re-run writes
-- nothing). p_source is a query whose columns include every column of the
-- fact by name (created_run_id and updated_run_id aside). Two plain
-- statements instead of MERGE: on PostgreSQL 15 an INSERT … SELECT loads
-- about twice as fast into a partitioned table.
CREATE FUNCTION dw.upsert_facts(p_run bigint, p_target regclass, p_source text, p_key text[]) RETURNS bigint
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
    SELECT array_agg(a.attname::text ORDER BY a.attnum) INTO cols
    FROM pg_attribute a
    WHERE a.attrelid = p_target AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attname NOT IN ('created_run_id', 'updated_run_id');
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
    'Updates changed and inserts new fact rows by business key; identical rows are left untouched.';

-- The instant a run's detected changes take effect (SCD2 versions opened
-- because a customer's address or a product's category changed): when the
-- run started, or was queued if it has not started, to the second, in the
-- session's time zone (the same clock as the naive source timestamps).
CREATE FUNCTION dw.run_effective_at(p_run bigint) RETURNS timestamp
    LANGUAGE sql STABLE
    RETURN (SELECT date_trunc('second', coalesce(r.started_at, r.queued_at))::timestamp
            FROM ops.pipeline_run r WHERE r.run_id = p_run);

-- Creates the monthly partitions of a RANGE-partitioned fact that cover
-- [p_from, p_to], named <table>_pYYYY_MM, when they do not exist yet. Runs
-- inside the caller's transaction, so a failed run leaves no partition behind.
CREATE FUNCTION dw.ensure_month_partitions(p_parent regclass, p_from date, p_to date) RETURNS integer
    LANGUAGE plpgsql AS $fn$
DECLARE
    parent_schema text;
    parent_name text;
    m date;
    part text;
    created integer := 0;
BEGIN
    IF p_from IS NULL OR p_to IS NULL THEN
        RETURN 0;
    END IF;
    SELECT n.nspname, c.relname INTO parent_schema, parent_name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.oid = p_parent;
    FOR m IN SELECT generate_series(date_trunc('month', p_from), date_trunc('month', p_to), interval '1 month')::date LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                       WHERE i.inhparent = p_parent
                         AND pg_get_expr(c.relpartbound, c.oid)
                             = format('FOR VALUES FROM (%L) TO (%L)', m, (m + interval '1 month')::date)) THEN
            part := format('%s_p%s', parent_name, to_char(m, 'YYYY_MM'));
            EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
                           parent_schema, part, parent_schema, parent_name, m, (m + interval '1 month')::date);
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$fn$;
COMMENT ON FUNCTION dw.ensure_month_partitions(regclass, date, date) IS
    'Creates the missing monthly partitions (<table>_pYYYY_MM) of a fact table for a date range.';

-- The problem of a field that has a value which did not parse as `kind`.
-- (Only immutable functions inside, so the planner inlines these.)
CREATE FUNCTION dw.check_cast(p_column text, p_raw text, p_parsed boolean, p_kind text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN NOT p_parsed AND dw.nullif_blank(p_raw) IS NOT NULL
                THEN dw.problem('transform.type', p_column || ' ' || quote_literal(p_raw) || ' is not ' || p_kind) END;

-- The problem of a field the transform cannot do without.
CREATE FUNCTION dw.check_required(p_column text, p_raw text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN dw.nullif_blank(p_raw) IS NULL THEN dw.problem('transform.required', p_column || ' is empty') END;

-- What every transform step reports for each staged table it read.
CREATE TYPE dw.transform_count AS (
    table_name       text,
    rows_read        bigint,   -- staged rows of the run not quarantined by an earlier stage
    rows_loaded      bigint,   -- of those, rows now represented in dw
    rows_quarantined bigint    -- of those, rows the transform quarantined
);
