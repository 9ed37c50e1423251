-- The whole step of a table that hangs off an order (payments, invoices):
-- read (work table w_<table>), then dw.load_order_children.
CREATE OR REPLACE FUNCTION dw.order_child_step(p_run bigint, p_table text, p_noun text, p_id text, p_target regclass)
    RETURNS dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    work text := 'w_' || p_table;
    counts dw.transform_count;
BEGIN
    counts := dw.open_step(p_run, p_table, work);
    counts := dw.add_rejects(counts,
                             dw.load_order_children(p_run, p_table, 'pg_temp.' || work, p_noun, p_id, p_target));
    EXECUTE format('DROP TABLE pg_temp.%I', work);
    RETURN counts;
END
$fn$;
