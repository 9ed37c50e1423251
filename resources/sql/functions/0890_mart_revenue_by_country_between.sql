CREATE OR REPLACE FUNCTION mart.revenue_by_country_between(p_from date, p_to date)
    RETURNS TABLE (country_code text, country_name text, region text, state text, revenue numeric, orders bigint,
                   customers bigint, revenue_share numeric)
    LANGUAGE sql STABLE AS $fn$
    SELECT o.country_code, min(o.country_name), min(o.region), o.state,
           sum(o.revenue), count(*), count(DISTINCT o.customer_id),
           round(sum(o.revenue) / nullif(sum(sum(o.revenue)) OVER (), 0), 4)
    FROM mart.order_summary o
    WHERE o.is_revenue AND o.order_date BETWEEN p_from AND p_to
    GROUP BY o.country_code, o.state
    ORDER BY sum(o.revenue) DESC, o.country_code, o.state
$fn$;
