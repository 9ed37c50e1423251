CREATE OR REPLACE FUNCTION mart.top_products_between(p_from date, p_to date, p_limit integer DEFAULT NULL,
                                          p_order_by text DEFAULT 'revenue')
    RETURNS TABLE (product_id text, product_name text, category_name text, units bigint, revenue numeric,
                   orders bigint, revenue_share numeric, revenue_rank bigint, units_rank bigint)
    LANGUAGE sql STABLE AS $fn$
    WITH p AS (
        SELECT d.product_id, min(d.product_name) AS product_name,
               string_agg(DISTINCT d.category_name, ', ' ORDER BY d.category_name) AS category_name,
               sum(d.units)::bigint AS units, sum(d.revenue) AS revenue, sum(d.orders)::bigint AS orders
        FROM mart.product_revenue_daily d
        WHERE d.day BETWEEN p_from AND p_to
        GROUP BY d.product_id
    ), ranked AS (
        SELECT p.*, round(p.revenue / nullif(sum(p.revenue) OVER (), 0), 4) AS revenue_share,
               rank() OVER (ORDER BY p.revenue DESC) AS revenue_rank,
               rank() OVER (ORDER BY p.units DESC) AS units_rank
        FROM p
    )
    SELECT * FROM ranked
    ORDER BY CASE WHEN p_order_by = 'units' THEN units_rank ELSE revenue_rank END, product_id
    LIMIT p_limit
$fn$;
