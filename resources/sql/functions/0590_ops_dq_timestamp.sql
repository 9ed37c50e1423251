CREATE OR REPLACE FUNCTION ops.dq_timestamp(s text) RETURNS timestamp
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE
        WHEN s ~ '^ *[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?)? *$'
        THEN CASE
            WHEN substr(btrim(s), 9, 2) <= '28'
                 OR substr(btrim(s), 9, 2)::int
                    <= extract(day FROM make_date(left(btrim(s), 4)::int, substr(btrim(s), 6, 2)::int, 1)
                                        + interval '1 month - 1 day')
            THEN s::timestamp END
        END;
COMMENT ON FUNCTION ops.dq_timestamp(text) IS 'An ISO timestamp or date (YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]), or NULL.';
