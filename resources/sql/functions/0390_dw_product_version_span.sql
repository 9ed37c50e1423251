-- The span of time each dimension version answers for in an as-of join:
-- [valid_from, valid_to), except that a member's first version also answers
-- for anything older (an order placed before the first known version gets
-- that version; for products, its price is then not used: see
-- transform_order_lines). Versions are contiguous, so an instant falls in
-- exactly one span, and the join is a plain hash join with a range filter.
CREATE OR REPLACE VIEW dw.product_version_span AS
SELECT product_sk, product_id, unit_price, valid_from,
       CASE WHEN valid_from = min(valid_from) OVER (PARTITION BY product_id) THEN '-infinity'::timestamp
            ELSE valid_from END AS span_from,
       coalesce(valid_to, 'infinity'::timestamp) AS span_to
FROM dw.dim_product;
