-- Customer lifetime value, as of the last order date in the warehouse.
DROP MATERIALIZED VIEW IF EXISTS mart.customer_lifetime_value CASCADE;
CREATE MATERIALIZED VIEW mart.customer_lifetime_value AS
WITH as_of AS (SELECT max(order_date) AS day FROM mart.order_summary)
SELECT o.customer_id,
       cur.segment AS current_segment,
       cur.country_code,
       min(o.order_date) AS first_order_date,
       max(o.order_date) AS last_order_date,
       count(*) AS orders,
       sum(o.items) AS items,
       sum(o.revenue) AS total_spent,
       round(sum(o.revenue) / count(*), 2) AS avg_order_value,
       max(o.order_date) - min(o.order_date) AS tenure_days,
       a.day - max(o.order_date) AS days_since_last_order,
       (a.day - max(o.order_date)) > st.churn_days AS churned,
       a.day AS as_of_date,
       st.churn_days
FROM mart.order_summary o
JOIN dw.dim_customer cur ON cur.customer_id = o.customer_id AND cur.is_current
CROSS JOIN as_of a
CROSS JOIN mart.settings st
WHERE o.is_revenue
GROUP BY o.customer_id, cur.segment, cur.country_code, a.day, st.churn_days;
CREATE UNIQUE INDEX customer_lifetime_value_pk ON mart.customer_lifetime_value (customer_id);
COMMENT ON MATERIALIZED VIEW mart.customer_lifetime_value IS
    'Per customer with a revenue order: total spent, orders, AOV, first/last order, recency and churn.';
