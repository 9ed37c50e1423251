-- Closes and opens versions after a change: valid_to = the next version's
-- valid_from, is_current for the last one. Only rows whose values change are
-- written. p_dim is dim_customer or dim_product (business key <x>_id,
-- surrogate <x>_sk); p_ids limits the work to the members a run touched.
CREATE OR REPLACE FUNCTION dw.recompute_validity(p_run bigint, p_dim text, p_ids text[]) RETURNS bigint
    LANGUAGE plpgsql AS $fn$
DECLARE
    member text := substr(p_dim, 5);   -- 'customer' from 'dim_customer'
    changed bigint;
BEGIN
    EXECUTE format($q$
        UPDATE dw.%1$I d
        SET valid_to = v.next_from, is_current = (v.next_from IS NULL), updated_run_id = $1
        FROM (SELECT %2$I AS sk, lead(valid_from) OVER (PARTITION BY %3$I ORDER BY valid_from) AS next_from
              FROM dw.%1$I WHERE %3$I = ANY ($2)) v
        WHERE d.%2$I = v.sk AND d.valid_to IS DISTINCT FROM v.next_from$q$,
        p_dim, member || '_sk', member || '_id')
    USING p_run, p_ids;
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END
$fn$;
