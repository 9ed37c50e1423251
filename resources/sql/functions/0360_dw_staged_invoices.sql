-- staging.invoices as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
CREATE OR REPLACE VIEW dw.staged_invoices WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
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
CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.invoice_ts) AS invoice_ts, dw.try_money(s.amount) AS amount) t;
