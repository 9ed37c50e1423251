-- Order grain, every status, with the attributes in effect when ordered.
DROP MATERIALIZED VIEW IF EXISTS mart.order_summary CASCADE;
CREATE MATERIALIZED VIEW mart.order_summary AS
SELECT o.order_id,
       o.order_date,
       o.order_ts,
       date_trunc('month', o.order_date)::date AS order_month,
       o.customer_id,
       o.customer_sk,
       c.segment,
       coalesce(o.country_code, c.country_code) AS country_code,
       co.country_name,
       co.region,
       c.state,
       c.city,
       o.channel,
       o.payment_method,
       o.status,
       coalesce(lower(o.status) = ANY (st.revenue_statuses), false) AS is_revenue,
       coalesce(l.lines, 0) AS lines,
       coalesce(l.items, 0) AS items,
       coalesce(l.merchandise_value, 0) AS merchandise_value,
       CASE WHEN coalesce(lower(o.status) = ANY (st.revenue_statuses), false)
            THEN coalesce(l.merchandise_value, 0) ELSE 0 END AS revenue,
       o.discount_total,
       o.shipping_fee,
       o.order_total
FROM dw.fact_order o
JOIN dw.dim_customer c ON c.customer_sk = o.customer_sk
LEFT JOIN dw.dim_country co ON co.country_code = coalesce(o.country_code, c.country_code)
LEFT JOIN (SELECT order_id, count(*) AS lines, sum(quantity) AS items, sum(line_total) AS merchandise_value
           FROM dw.fact_order_line GROUP BY order_id) l ON l.order_id = o.order_id
CROSS JOIN mart.settings st;
CREATE UNIQUE INDEX order_summary_pk ON mart.order_summary (order_id);
CREATE INDEX order_summary_date_idx ON mart.order_summary (order_date);
CREATE INDEX order_summary_customer_idx ON mart.order_summary (customer_id);
COMMENT ON MATERIALIZED VIEW mart.order_summary IS
    'One row per order (any status) with segment, country and state as they were when it was placed.';
