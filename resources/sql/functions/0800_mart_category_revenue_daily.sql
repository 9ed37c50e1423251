-- Category × day of revenue orders (category at the time of sale).
DROP MATERIALIZED VIEW IF EXISTS mart.category_revenue_daily CASCADE;
CREATE MATERIALIZED VIEW mart.category_revenue_daily AS
SELECT l.order_date AS day,
       v.category_id,
       cat.category_name,
       sum(l.quantity) AS units,
       sum(l.line_total) AS revenue,
       count(DISTINCT l.order_id) AS orders
FROM dw.fact_order_line l
JOIN dw.dim_product v ON v.product_sk = l.product_sk
LEFT JOIN dw.dim_category cat ON cat.category_id = v.category_id
CROSS JOIN mart.settings st
WHERE lower(l.status) = ANY (st.revenue_statuses)
GROUP BY l.order_date, v.category_id, cat.category_name;
CREATE UNIQUE INDEX category_revenue_daily_pk ON mart.category_revenue_daily (day, category_id);
COMMENT ON MATERIALIZED VIEW mart.category_revenue_daily IS
    'Units, revenue and orders per category and day (revenue orders), by the category at the time of sale.';
