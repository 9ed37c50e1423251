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
