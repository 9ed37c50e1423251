-- Invoices → dw.fact_invoice (partitioned by their order's date).
CREATE OR REPLACE FUNCTION dw.transform_invoices(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE sql
    AS $fn$ SELECT * FROM dw.order_child_step(p_run, 'invoices', 'invoice', 'invoice_id', 'dw.fact_invoice') $fn$;
