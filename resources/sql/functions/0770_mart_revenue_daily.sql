-- The day-grain revenue the console filters by date range.
DROP MATERIALIZED VIEW IF EXISTS mart.revenue_daily CASCADE;
CREATE MATERIALIZED VIEW mart.revenue_daily AS
SELECT period AS day, orders, items, revenue, aov, customers, new_customers, orders_placed, cancelled_orders,
       refunded_orders
FROM mart.revenue_series('day');
CREATE UNIQUE INDEX revenue_daily_pk ON mart.revenue_daily (day);
COMMENT ON MATERIALIZED VIEW mart.revenue_daily IS 'Revenue, orders, items, AOV and customers per day (zero-filled).';
