-- The problem of a field that has a value which did not parse as `kind`.
-- (Only immutable functions inside, so the planner inlines these.)
CREATE OR REPLACE FUNCTION dw.check_cast(p_column text, p_raw text, p_parsed boolean, p_kind text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN NOT p_parsed AND dw.nullif_blank(p_raw) IS NOT NULL
                THEN dw.problem('transform.type', p_column || ' ' || quote_literal(p_raw) || ' is not ' || p_kind) END;
