DROP MATERIALIZED VIEW IF EXISTS mart.revenue_monthly CASCADE;
CREATE MATERIALIZED VIEW mart.revenue_monthly AS
SELECT period AS month, orders, items, revenue, aov, customers, new_customers, orders_placed, cancelled_orders,
       refunded_orders
FROM mart.revenue_series('month');
CREATE UNIQUE INDEX revenue_monthly_pk ON mart.revenue_monthly (month);
COMMENT ON MATERIALIZED VIEW mart.revenue_monthly IS 'Revenue, orders, items, AOV and customers per calendar month.';
