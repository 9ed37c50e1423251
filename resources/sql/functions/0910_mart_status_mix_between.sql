-- Every order placed, by status (revenue and non-revenue).
CREATE OR REPLACE FUNCTION mart.status_mix_between(p_from date, p_to date)
    RETURNS TABLE (status text, counts_as_revenue boolean, orders bigint, merchandise_value numeric, order_share numeric)
    LANGUAGE sql STABLE AS $fn$
    SELECT o.status, bool_or(o.is_revenue), count(*), sum(o.merchandise_value),
           round(count(*)::numeric / sum(count(*)) OVER (), 4)
    FROM mart.order_summary o
    WHERE o.order_date BETWEEN p_from AND p_to
    GROUP BY o.status
    ORDER BY count(*) DESC, o.status
$fn$;
