-- The problem of a field the transform cannot do without.
CREATE OR REPLACE FUNCTION dw.check_required(p_column text, p_raw text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN dw.nullif_blank(p_raw) IS NULL THEN dw.problem('transform.required', p_column || ' is empty') END;
