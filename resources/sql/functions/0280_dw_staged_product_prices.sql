-- staging.product_prices as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
CREATE OR REPLACE VIEW dw.staged_product_prices WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.product_id) AS product_id,
       t.valid_from,
       t.unit_price,
       array_remove(ARRAY[dw.check_required('product_id', s.product_id),
                          dw.check_required('valid_from', s.valid_from),
                          dw.check_cast('valid_from', s.valid_from, t.valid_from IS NOT NULL, 'a timestamp'),
                          dw.check_required('unit_price', s.unit_price),
                          dw.check_cast('unit_price', s.unit_price, t.unit_price IS NOT NULL, 'an amount')], NULL) AS problems
FROM staging.product_prices s
CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.valid_from) AS valid_from, dw.try_money(s.unit_price) AS unit_price) t;
