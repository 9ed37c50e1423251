-- staging.products as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
CREATE OR REPLACE VIEW dw.staged_products WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.product_id) AS product_id,
       dw.nullif_blank(s.product_name) AS product_name,
       dw.nullif_blank(s.category_id) AS category_id,
       t.created_at,
       array_remove(ARRAY[dw.check_required('product_id', s.product_id),
                          dw.check_cast('created_at', s.created_at, t.created_at IS NOT NULL, 'a timestamp')], NULL) AS problems
FROM staging.products s
CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.created_at) AS created_at) t;
