-- A problem found with a staged row: its rule id and its reason in words,
-- packed into one text so a row can collect several in a text[] column.
CREATE OR REPLACE FUNCTION dw.problem(rule_id text, reason text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN rule_id || chr(31) || reason;
