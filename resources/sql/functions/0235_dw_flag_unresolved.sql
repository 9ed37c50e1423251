-- Flags the rows of a step's work table whose reference is given but
-- resolves to nothing in the warehouse: "<noun> <key> references unknown
-- <what> <value>" (a split-stream reject once quarantined). The reference
-- column has the same name in p_target. An empty reference is not flagged: it
-- is a fact about the source (a guest, an anonymous session).
CREATE OR REPLACE FUNCTION dw.flag_unresolved(p_work text, p_noun text, p_key text, p_reference text,
                                              p_target regclass, p_what text) RETURNS bigint
    LANGUAGE plpgsql AS $fn$
DECLARE
    flagged bigint;
BEGIN
    EXECUTE format($q$
        UPDATE pg_temp.%1$I w
        SET problems = w.problems || dw.problem('transform.reference',
                format('%2$s %%s references unknown %3$s %%s', w.%4$I, w.%5$I))
        WHERE w.%5$I IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM %6$s d WHERE d.%5$I = w.%5$I)$q$,
        p_work, p_noun, p_what, p_key, p_reference, p_target);
    GET DIAGNOSTICS flagged = ROW_COUNT;
    RETURN flagged;
END
$fn$;
