-- Warehouse helpers: defensive casts, quarantine plumbing, monthly partitions
-- and the calendar. Everything the transform stage does happens inside
-- PostgreSQL, set-based; these functions are its vocabulary.
--
-- Casting: staging holds text. Each try_* function returns NULL instead of
-- raising, so a value that still does not parse after the validate stage
-- becomes a quarantine reason, never an aborted run. They use regular
-- expressions (no per-row exception blocks, which would cost a
-- subtransaction each).
CREATE OR REPLACE FUNCTION dw.try_bigint(s text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN btrim(s) ~ '^[+-]?[0-9]{1,18}$' THEN btrim(s)::bigint END;
COMMENT ON FUNCTION dw.try_bigint(text) IS 'The text as bigint, or NULL when it is not an integer of up to 18 digits.';
