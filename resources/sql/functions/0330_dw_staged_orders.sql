-- staging.orders as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
CREATE OR REPLACE VIEW dw.staged_orders WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.order_id) AS order_id,
       dw.nullif_blank(s.customer_id) AS customer_id,
       t.order_ts,
       dw.nullif_blank(s.channel) AS channel,
       dw.nullif_blank(s.status) AS status,
       dw.nullif_blank(s.payment_method) AS payment_method,
       dw.nullif_blank(s.country_code) AS country_code,
       t.items_subtotal, t.discount_total, t.shipping_fee, t.order_total,
       NULL::bigint AS customer_sk,
       array_remove(ARRAY[
           dw.check_required('order_id', s.order_id),
           dw.check_required('order_ts', s.order_ts),
           dw.check_cast('order_ts', s.order_ts, t.order_ts IS NOT NULL, 'a timestamp'),
           dw.check_cast('items_subtotal', s.items_subtotal, t.items_subtotal IS NOT NULL, 'an amount'),
           dw.check_cast('discount_total', s.discount_total, t.discount_total IS NOT NULL, 'an amount'),
           dw.check_cast('shipping_fee', s.shipping_fee, t.shipping_fee IS NOT NULL, 'an amount'),
           dw.check_cast('order_total', s.order_total, t.order_total IS NOT NULL, 'an amount')], NULL) AS problems
FROM staging.orders s
CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.order_ts) AS order_ts,
                           dw.try_money(s.items_subtotal) AS items_subtotal,
                           dw.try_money(s.discount_total) AS discount_total,
                           dw.try_money(s.shipping_fee) AS shipping_fee,
                           dw.try_money(s.order_total) AS order_total) t;
