-- Date-range functions (inclusive dates) for the console's filter; the
-- all-time views below call them with an open range.
CREATE OR REPLACE FUNCTION mart.kpi_summary(p_from date, p_to date)
    RETURNS TABLE (revenue numeric, orders bigint, items bigint, aov numeric, customers bigint, new_customers bigint,
                   orders_placed bigint, cancelled_orders bigint, refunded_orders bigint)
    LANGUAGE sql STABLE AS $fn$
    SELECT coalesce(sum(o.revenue), 0),
           count(*) FILTER (WHERE o.is_revenue),
           coalesce(sum(o.items) FILTER (WHERE o.is_revenue), 0)::bigint,
           round(coalesce(sum(o.revenue), 0) / nullif(count(*) FILTER (WHERE o.is_revenue), 0), 2),
           count(DISTINCT o.customer_id) FILTER (WHERE o.is_revenue),
           (SELECT count(*) FROM mart.customer_lifetime_value c WHERE c.first_order_date BETWEEN p_from AND p_to),
           count(*),
           count(*) FILTER (WHERE lower(o.status) = 'cancelled'),
           count(*) FILTER (WHERE lower(o.status) = 'refunded')
    FROM mart.order_summary o
    WHERE o.order_date BETWEEN p_from AND p_to
$fn$;
