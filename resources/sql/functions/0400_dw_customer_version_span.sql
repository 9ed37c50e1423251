CREATE OR REPLACE VIEW dw.customer_version_span AS
SELECT customer_sk, customer_id, valid_from,
       CASE WHEN valid_from = min(valid_from) OVER (PARTITION BY customer_id) THEN '-infinity'::timestamp
            ELSE valid_from END AS span_from,
       coalesce(valid_to, 'infinity'::timestamp) AS span_to
FROM dw.dim_customer;
