-- staging.order_lines as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
CREATE OR REPLACE VIEW dw.staged_order_lines WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.order_id) AS order_id,
       t.line_no,
       dw.nullif_blank(s.product_id) AS product_id,
       t.quantity, t.unit_price, t.discount, t.line_total,
       array_remove(ARRAY[
           dw.check_required('order_id', s.order_id),
           dw.check_required('line_no', s.line_no),
           dw.check_cast('line_no', s.line_no, t.line_no IS NOT NULL, 'an integer'),
           dw.check_required('product_id', s.product_id),
           dw.check_required('quantity', s.quantity),
           dw.check_cast('quantity', s.quantity, t.quantity IS NOT NULL, 'an integer'),
           dw.check_cast('unit_price', s.unit_price, t.unit_price IS NOT NULL, 'an amount'),
           dw.check_cast('discount', s.discount, t.discount IS NOT NULL, 'an amount'),
           dw.check_cast('line_total', s.line_total, t.line_total IS NOT NULL, 'an amount')], NULL) AS problems
FROM staging.order_lines s
CROSS JOIN LATERAL (SELECT dw.try_int(s.line_no) AS line_no, dw.try_int(s.quantity) AS quantity,
                           dw.try_money(s.unit_price) AS unit_price, dw.try_money(s.discount) AS discount,
                           dw.try_money(s.line_total) AS line_total) t;
