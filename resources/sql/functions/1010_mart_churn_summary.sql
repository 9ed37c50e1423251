CREATE OR REPLACE VIEW mart.churn_summary AS
SELECT count(*) AS customers,
       count(*) FILTER (WHERE churned) AS churned_customers,
       round(count(*) FILTER (WHERE churned)::numeric / nullif(count(*), 0), 4) AS churn_rate,
       round(avg(total_spent), 2) AS avg_lifetime_value,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY total_spent) AS median_lifetime_value,
       round(avg(orders), 2) AS avg_orders,
       max(as_of_date) AS as_of_date,
       max(churn_days) AS churn_days
FROM mart.customer_lifetime_value;
COMMENT ON VIEW mart.churn_summary IS 'Customers with a revenue order, how many are churned, and lifetime value.';
