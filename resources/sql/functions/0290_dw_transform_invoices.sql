-- Invoices → dw.fact_invoice (partitioned by their order's date).
CREATE OR REPLACE FUNCTION dw.transform_invoices(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_invoices;
    CREATE TEMP TABLE w_invoices ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.invoice_id) AS invoice_id,
           dw.nullif_blank(s.order_id) AS order_id,
           t.invoice_ts,
           t.amount,
           array_remove(ARRAY[
               dw.check_required('invoice_id', s.invoice_id),
               dw.check_required('order_id', s.order_id),
               dw.check_cast('invoice_ts', s.invoice_ts, t.invoice_ts IS NOT NULL, 'a timestamp'),
               dw.check_cast('amount', s.amount, t.amount IS NOT NULL, 'an amount')], NULL) AS problems
    FROM staging.invoices s
    CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.invoice_ts) AS invoice_ts, dw.try_money(s.amount) AS amount) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'invoices' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'invoices', 'pg_temp.w_invoices');
    n_bad := n_bad + dw.load_order_children(p_run, 'invoices', 'pg_temp.w_invoices', 'invoice', 'invoice_id',
                                            'dw.fact_invoice');
    DROP TABLE w_invoices;
    RETURN QUERY SELECT 'invoices'::text, n_read, n_read - n_bad, n_bad;
END
$fn$;
