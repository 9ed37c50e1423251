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
