-- The set rules' casts: NULL instead of an error, accepting exactly what the
-- row rules accept (pipeline/quality/FieldChecks.h). Plain SQL expressions,
-- so the planner inlines them (the timestamp one is STABLE, as the text to
-- timestamp cast is: declared IMMUTABLE it would not be inlined, and would
-- cost three times as much per row).
CREATE OR REPLACE FUNCTION ops.dq_money(s text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN s ~ '^ *[+-]?(0*[0-9]{1,10}(\.[0-9]{0,4}0*)?|\.[0-9]{1,4}0*) *$' THEN s::numeric END;
COMMENT ON FUNCTION ops.dq_money(text) IS 'An amount (up to 10 integer digits, 4 significant decimals), or NULL.';
