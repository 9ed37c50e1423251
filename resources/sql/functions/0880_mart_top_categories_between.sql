CREATE OR REPLACE FUNCTION mart.top_categories_between(p_from date, p_to date, p_limit integer DEFAULT NULL,
                                            p_order_by text DEFAULT 'revenue')
    RETURNS TABLE (category_id text, category_name text, units bigint, revenue numeric, orders bigint,
                   products bigint, revenue_share numeric, revenue_rank bigint, units_rank bigint)
    LANGUAGE sql STABLE AS $fn$
    WITH c AS (
        SELECT d.category_id, min(d.category_name) AS category_name,
               sum(d.units)::bigint AS units, sum(d.revenue) AS revenue, sum(d.orders)::bigint AS orders
        FROM mart.category_revenue_daily d
        WHERE d.day BETWEEN p_from AND p_to
        GROUP BY d.category_id
    ), p AS (
        SELECT d.category_id, count(DISTINCT d.product_id)::bigint AS products
        FROM mart.product_revenue_daily d
        WHERE d.day BETWEEN p_from AND p_to
        GROUP BY d.category_id
    ), ranked AS (
        SELECT c.category_id, c.category_name, c.units, c.revenue, c.orders, coalesce(p.products, 0) AS products,
               round(c.revenue / nullif(sum(c.revenue) OVER (), 0), 4) AS revenue_share,
               rank() OVER (ORDER BY c.revenue DESC) AS revenue_rank,
               rank() OVER (ORDER BY c.units DESC) AS units_rank
        FROM c LEFT JOIN p ON p.category_id IS NOT DISTINCT FROM c.category_id
    )
    SELECT * FROM ranked
    ORDER BY CASE WHEN p_order_by = 'units' THEN units_rank ELSE revenue_rank END, category_id
    LIMIT p_limit
$fn$;
