CREATE OR REPLACE FUNCTION dw.try_date(s text) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN dw.try_timestamp(s)::date;
COMMENT ON FUNCTION dw.try_date(text) IS 'The text as date (a time part is accepted and dropped), or NULL when it is not one.';
