-- staging.payments as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
CREATE OR REPLACE VIEW dw.staged_payments WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.payment_id) AS payment_id,
       dw.nullif_blank(s.order_id) AS order_id,
       t.paid_ts,
       dw.nullif_blank(s.method) AS method,
       t.amount,
       array_remove(ARRAY[
           dw.check_required('payment_id', s.payment_id),
           dw.check_required('order_id', s.order_id),
           dw.check_cast('paid_ts', s.paid_ts, t.paid_ts IS NOT NULL, 'a timestamp'),
           dw.check_cast('amount', s.amount, t.amount IS NOT NULL, 'an amount')], NULL) AS problems
FROM staging.payments s
CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.paid_ts) AS paid_ts, dw.try_money(s.amount) AS amount) t;
