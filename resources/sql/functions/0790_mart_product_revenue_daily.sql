-- Product × day of revenue orders, with the category the product had when
-- it was sold (its version's category) and today's names.
DROP MATERIALIZED VIEW IF EXISTS mart.product_revenue_daily CASCADE;
CREATE MATERIALIZED VIEW mart.product_revenue_daily AS
SELECT l.order_date AS day,
       l.product_id,
       cur.product_name,
       v.category_id,
       cat.category_name,
       sum(l.quantity) AS units,
       sum(l.line_total) AS revenue,
       count(DISTINCT l.order_id) AS orders
FROM dw.fact_order_line l
JOIN dw.dim_product v ON v.product_sk = l.product_sk
JOIN dw.dim_product cur ON cur.product_id = l.product_id AND cur.is_current
LEFT JOIN dw.dim_category cat ON cat.category_id = v.category_id
CROSS JOIN mart.settings st
WHERE lower(l.status) = ANY (st.revenue_statuses)
GROUP BY l.order_date, l.product_id, cur.product_name, v.category_id, cat.category_name;
CREATE UNIQUE INDEX product_revenue_daily_pk ON mart.product_revenue_daily (day, product_id, category_id);
COMMENT ON MATERIALIZED VIEW mart.product_revenue_daily IS
    'Units and revenue per product and day (revenue orders), with the category at the time of sale.';
