-- Timestamps: 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM', 'YYYY-MM-DD HH:MM:SS[.ffffff]'
-- (a 'T' separator is accepted), with the day checked against the month.
-- The first test is the common shape on a day that exists in every month.
-- STABLE, not IMMUTABLE: text → timestamp depends on settings (DateStyle),
-- and an honest volatility lets the planner inline the function.
CREATE OR REPLACE FUNCTION dw.try_timestamp(s text) RETURNS timestamp
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
