-- Invoices → dw.fact_invoice (partitioned by their order's date).
CREATE OR REPLACE FUNCTION dw.transform_invoices(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    counts dw.transform_count;
BEGIN
    counts := dw.open_step(p_run, 'invoices', 'w_invoices');
    counts := dw.add_rejects(counts, dw.load_order_children(p_run, 'invoices', 'pg_temp.w_invoices', 'invoice',
                                                            'invoice_id', 'dw.fact_invoice'));
    DROP TABLE w_invoices;
    RETURN NEXT counts;
END
$fn$;
