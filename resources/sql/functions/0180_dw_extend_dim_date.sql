-- Extends the calendar so that it covers [p_from, p_to] without gaps.
CREATE OR REPLACE FUNCTION dw.extend_dim_date(p_from date, p_to date) RETURNS bigint
    LANGUAGE plpgsql AS $fn$
DECLARE
    lo date;
    hi date;
    added bigint;
BEGIN
    IF p_from IS NULL OR p_to IS NULL THEN
        RETURN 0;
    END IF;
    SELECT least(min(day), p_from), greatest(max(day), p_to) INTO lo, hi FROM dw.dim_date;
    lo := coalesce(lo, p_from);
    hi := coalesce(hi, p_to);
    INSERT INTO dw.dim_date
    SELECT to_char(d, 'YYYYMMDD')::int, d,
           extract(year FROM d), extract(quarter FROM d), extract(month FROM d),
           to_char(d, 'FMMonth'), to_char(d, 'YYYY-MM'), date_trunc('month', d)::date,
           extract(isoyear FROM d), extract(week FROM d), extract(day FROM d),
           extract(isodow FROM d), to_char(d, 'FMDay'), extract(isodow FROM d) IN (6, 7)
    FROM generate_series(lo, hi, interval '1 day') AS g(ts), LATERAL (SELECT g.ts::date AS d) x
    WHERE NOT EXISTS (SELECT 1 FROM dw.dim_date e WHERE e.day = x.d);
    GET DIAGNOSTICS added = ROW_COUNT;
    RETURN added;
END
$fn$;
