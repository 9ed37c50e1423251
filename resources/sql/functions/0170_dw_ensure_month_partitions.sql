-- The monthly fact partitions, created as the owner: the
-- transform runs as the operator, and CREATE TABLE … PARTITION OF needs
-- ownership of the fact. Only RANGE-partitioned tables of dw qualify.
CREATE OR REPLACE FUNCTION dw.ensure_month_partitions(p_parent regclass, p_from date, p_to date) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
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
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_partitioned_table pt ON pt.partrelid = c.oid
    WHERE c.oid = p_parent AND n.nspname = 'dw' AND pt.partstrat = 'r';
    IF parent_name IS NULL THEN
        RAISE EXCEPTION '% is not a month-partitioned fact of dw', p_parent USING ERRCODE = '42501';
    END IF;
    FOR m IN SELECT pg_catalog.generate_series(pg_catalog.date_trunc('month', p_from), pg_catalog.date_trunc('month', p_to),
                                               interval '1 month')::date LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
                       WHERE i.inhparent = p_parent
                         AND pg_catalog.pg_get_expr(c.relpartbound, c.oid)
                             = pg_catalog.format('FOR VALUES FROM (%L) TO (%L)', m, (m + interval '1 month')::date)) THEN
            part := pg_catalog.format('%s_p%s', parent_name, pg_catalog.to_char(m, 'YYYY_MM'));
            EXECUTE pg_catalog.format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
                                      parent_schema, part, parent_schema, parent_name, m, (m + interval '1 month')::date);
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$fn$;
COMMENT ON FUNCTION dw.ensure_month_partitions(regclass, date, date) IS
    'Creates the missing monthly partitions (<table>_pYYYY_MM) of a fact table for a date range.';
