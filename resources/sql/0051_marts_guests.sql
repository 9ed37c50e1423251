-- Guest checkouts in the marts (issue 12; see MARTS.md "Guests").
--
-- A guest checkout (fact_order.customer_id NULL, the unknown customer) is an
-- order like any other for revenue, orders, items and AOV, which already
-- count it. Customer-level figures are about people, and a guest is nobody
-- in particular: customers and new customers per period, cohorts, lifetime
-- value and churn leave guests out (count(DISTINCT customer_id) and the join
-- to the current customer version already did; the first-order and cohort
-- queries below did not, and counted all guests as one customer). The mix
-- shows guests as their own segment, and mart.guest_share_between says how
-- much of a period's revenue they bring, so every screen can say so.

CREATE OR REPLACE FUNCTION mart.revenue_series(p_grain text)
    RETURNS TABLE (period date, orders bigint, items bigint, revenue numeric, aov numeric, customers bigint,
                   new_customers bigint, orders_placed bigint, cancelled_orders bigint, refunded_orders bigint)
    LANGUAGE sql STABLE AS $fn$
    WITH o AS (
        SELECT date_trunc(p_grain, s.order_date)::date AS period, s.*
        FROM mart.order_summary s
    ), firsts AS (
        SELECT min(o.period) AS period FROM o WHERE o.is_revenue AND o.customer_id IS NOT NULL GROUP BY o.customer_id
    ), newcomers AS (
        SELECT f.period, count(*) AS n FROM firsts f GROUP BY f.period
    ), agg AS (
        SELECT o.period,
               count(*) FILTER (WHERE o.is_revenue) AS orders,
               coalesce(sum(o.items) FILTER (WHERE o.is_revenue), 0)::bigint AS items,
               sum(o.revenue) AS revenue,
               count(DISTINCT o.customer_id) FILTER (WHERE o.is_revenue) AS customers,
               count(*) AS orders_placed,
               count(*) FILTER (WHERE lower(o.status) = 'cancelled') AS cancelled_orders,
               count(*) FILTER (WHERE lower(o.status) = 'refunded') AS refunded_orders
        FROM o GROUP BY o.period
    )
    SELECT g.ts::date,
           coalesce(a.orders, 0), coalesce(a.items, 0), coalesce(a.revenue, 0),
           round(a.revenue / nullif(a.orders, 0), 2),
           coalesce(a.customers, 0), coalesce(n.n, 0), coalesce(a.orders_placed, 0),
           coalesce(a.cancelled_orders, 0), coalesce(a.refunded_orders, 0)
    FROM generate_series((SELECT min(period) FROM o), (SELECT max(period) FROM o), ('1 ' || p_grain)::interval) AS g(ts)
    LEFT JOIN agg a ON a.period = g.ts::date
    LEFT JOIN newcomers n ON n.period = g.ts::date
$fn$;

-- Cohorts of people: guests are not a cohort.
DROP MATERIALIZED VIEW mart.cohort_retention;
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

CREATE OR REPLACE FUNCTION mart.mix_between(p_from date, p_to date)
    RETURNS TABLE (dimension text, value text, orders bigint, revenue numeric, customers bigint,
                   order_share numeric, revenue_share numeric)
    LANGUAGE sql STABLE AS $fn$
    SELECT x.dimension, x.value, count(*), sum(o.revenue), count(DISTINCT o.customer_id),
           round(count(*)::numeric / sum(count(*)) OVER (PARTITION BY x.dimension), 4),
           round(sum(o.revenue) / nullif(sum(sum(o.revenue)) OVER (PARTITION BY x.dimension), 0), 4)
    FROM mart.order_summary o
    CROSS JOIN LATERAL (VALUES ('segment', CASE WHEN o.customer_id IS NULL THEN 'Guest' ELSE o.segment END),
                               ('channel', o.channel),
                               ('payment_method', o.payment_method)) AS x(dimension, value)
    WHERE o.is_revenue AND o.order_date BETWEEN p_from AND p_to
    GROUP BY x.dimension, x.value
    ORDER BY x.dimension, sum(o.revenue) DESC, x.value
$fn$;

-- How much of a period's revenue orders are guest checkouts.
CREATE FUNCTION mart.guest_share_between(p_from date, p_to date)
    RETURNS TABLE (guest_orders bigint, guest_revenue numeric, orders bigint, revenue numeric,
                   guest_order_share numeric, guest_revenue_share numeric)
    LANGUAGE sql STABLE AS $fn$
    SELECT count(*) FILTER (WHERE o.customer_id IS NULL),
           coalesce(sum(o.revenue) FILTER (WHERE o.customer_id IS NULL), 0),
           count(*),
           coalesce(sum(o.revenue), 0),
           round(count(*) FILTER (WHERE o.customer_id IS NULL)::numeric / nullif(count(*), 0), 4),
           round(coalesce(sum(o.revenue) FILTER (WHERE o.customer_id IS NULL), 0) / nullif(sum(o.revenue), 0), 4)
    FROM mart.order_summary o
    WHERE o.is_revenue AND o.order_date BETWEEN p_from AND p_to
$fn$;
COMMENT ON FUNCTION mart.guest_share_between(date, date) IS
    'Guest checkouts (orders without a customer) among the revenue orders of a period: counts, revenue and shares.';
