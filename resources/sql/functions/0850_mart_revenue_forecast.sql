DROP MATERIALIZED VIEW IF EXISTS mart.revenue_forecast CASCADE;
CREATE MATERIALIZED VIEW mart.revenue_forecast AS
SELECT f.day, f.actual, f.fitted, f.forecast, f.lower_bound, f.upper_bound, f.is_forecast, f.method,
       f.alpha, f.gamma, round(f.sigma, 2) AS sigma
FROM mart.forecast_revenue() f;
CREATE UNIQUE INDEX revenue_forecast_pk ON mart.revenue_forecast (day);
COMMENT ON MATERIALIZED VIEW mart.revenue_forecast IS
    'Daily revenue with fitted values, then a forecast for the next days with a lower and upper bound.';
