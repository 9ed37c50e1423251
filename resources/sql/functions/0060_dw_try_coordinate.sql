-- A coordinate: a decimal number within ±180, or NULL.
CREATE OR REPLACE FUNCTION dw.try_coordinate(s text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN btrim(s) ~ '^[+-]?[0-9]{1,3}(\.[0-9]+)?$' AND abs(btrim(s)::numeric) <= 180 THEN btrim(s)::numeric END;
