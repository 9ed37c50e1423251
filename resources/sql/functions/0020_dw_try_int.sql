CREATE OR REPLACE FUNCTION dw.try_int(s text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN btrim(s) ~ '^[+-]?[0-9]{1,9}$' THEN btrim(s)::integer END;
COMMENT ON FUNCTION dw.try_int(text) IS 'The text as integer, or NULL when it is not an integer of up to 9 digits.';
