CREATE OR REPLACE FUNCTION ops.lower_statuses(p_statuses text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY(SELECT DISTINCT lower(s) FROM unnest(coalesce(p_statuses, '{}')) s ORDER BY 1);
