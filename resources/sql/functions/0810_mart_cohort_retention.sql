DROP MATERIALIZED VIEW IF EXISTS mart.cohort_retention CASCADE;
CREATE MATERIALIZED VIEW mart.cohort_retention AS
WITH activity AS (
    SELECT customer_id, order_month, sum(revenue) AS revenue
    FROM mart.order_summary WHERE is_revenue AND customer_id IS NOT NULL GROUP BY customer_id, order_month
), firsts AS (
    SELECT customer_id, min(order_month) AS cohort_month FROM activity GROUP BY customer_id
), sizes AS (
    SELECT cohort_month, count(*) AS cohort_size FROM firsts GROUP BY cohort_month
), active AS (
    SELECT f.cohort_month,
           ((extract(year FROM a.order_month) - extract(year FROM f.cohort_month)) * 12
            + extract(month FROM a.order_month) - extract(month FROM f.cohort_month))::integer AS months_since_first,
           count(*) AS active_customers,
           sum(a.revenue) AS revenue
    FROM firsts f JOIN activity a ON a.customer_id = f.customer_id
    GROUP BY 1, 2
), last_month AS (
    SELECT max(order_month) AS month FROM mart.order_summary
)
SELECT s.cohort_month,
       k.months_since_first,
       s.cohort_size,
       coalesce(a.active_customers, 0) AS active_customers,
       round(coalesce(a.active_customers, 0)::numeric / s.cohort_size, 4) AS retention,
       coalesce(a.revenue, 0) AS revenue
FROM sizes s
CROSS JOIN last_month lm
CROSS JOIN LATERAL generate_series(0, ((extract(year FROM lm.month) - extract(year FROM s.cohort_month)) * 12
                                       + extract(month FROM lm.month) - extract(month FROM s.cohort_month))::integer)
                   AS k(months_since_first)
LEFT JOIN active a ON a.cohort_month = s.cohort_month AND a.months_since_first = k.months_since_first;
CREATE UNIQUE INDEX cohort_retention_pk ON mart.cohort_retention (cohort_month, months_since_first);
COMMENT ON MATERIALIZED VIEW mart.cohort_retention IS
    'Monthly first-order cohorts: how many customers of each ordered again k months after their first month.';
