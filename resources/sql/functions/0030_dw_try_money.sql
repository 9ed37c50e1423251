-- Money: up to 10 integer digits and 4 significant decimals (the pipeline's
-- Decimal scale); "12.5", "-0.01", ".5" and "1.230000" are accepted, "1e3",
-- "1,5" and "0.00001" are not. The first test is the common shape and cheap;
-- the second handles the rest.
CREATE OR REPLACE FUNCTION dw.try_money(s text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN s ~ '^-?[0-9]{1,10}(\.[0-9]{1,4})?$' THEN s::numeric(14, 4)
        WHEN btrim(s) ~ '^[+-]?([0-9]{1,10}(\.[0-9]*)?|\.[0-9]+)$'
             AND length(rtrim(coalesce(substring(btrim(s) FROM '\.([0-9]*)$'), ''), '0')) <= 4
        THEN btrim(s)::numeric(14, 4) END;
COMMENT ON FUNCTION dw.try_money(text) IS 'The text as an exact amount (numeric(14,4)), or NULL when it is not one.';
