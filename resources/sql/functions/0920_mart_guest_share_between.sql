-- How much of a period's revenue orders are guest checkouts.
CREATE OR REPLACE FUNCTION mart.guest_share_between(p_from date, p_to date)
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
