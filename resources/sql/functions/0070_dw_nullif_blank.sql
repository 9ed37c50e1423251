-- An empty or blank field means "no value".
CREATE OR REPLACE FUNCTION dw.nullif_blank(s text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN nullif(btrim(s), '');
