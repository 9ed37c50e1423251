-- Payments and invoices hang off an order: after their own checks they share
-- the rest. Later copies of an id are flagged, the order resolves in
-- dw.fact_order (this run's or an earlier one's) and gives the row its
-- order_date (the partition key) and customer_sk, unknown orders are
-- quarantined, and the rows are applied to p_target. Returns the rows
-- quarantined here.
CREATE OR REPLACE FUNCTION dw.load_order_children(p_run bigint, p_table text, p_work text, p_noun text, p_id text,
                                       p_target regclass) RETURNS bigint
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    resolved text := p_work || '_resolved';
    bad bigint;
    lo date;
    hi date;
BEGIN
    PERFORM dw.flag_duplicates(p_run, p_table, p_work, ARRAY[p_id]);
    EXECUTE format('ANALYZE %s', p_work);
    EXECUTE format('DROP TABLE IF EXISTS %s', resolved);
    EXECUTE format('CREATE TEMP TABLE %s ON COMMIT DROP AS '
                   'SELECT w.*, o.order_date, o.customer_sk FROM %s w LEFT JOIN dw.fact_order o ON o.order_id = w.order_id',
                   resolved, p_work);
    EXECUTE format($q$
        UPDATE %1$s w
        SET problems = w.problems || dw.problem('transform.reference',
                format('%2$s %%s references unknown order %%s', w.%3$I, w.order_id))
        WHERE w.order_date IS NULL$q$, resolved, p_noun, p_id);
    bad := dw.quarantine_problems(p_run, p_table, resolved);
    EXECUTE format('SELECT min(order_date), max(order_date) FROM %s', resolved) INTO lo, hi;
    PERFORM dw.ensure_month_partitions(p_target, lo, hi);
    PERFORM dw.upsert_facts(p_run, p_target, 'SELECT * FROM ' || resolved, ARRAY[p_id]);
    EXECUTE format('DROP TABLE %s', resolved);
    RETURN bad;
END
$fn$;
