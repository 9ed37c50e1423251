-- Products and their price history → dw.dim_product (SCD type 2).
CREATE OR REPLACE FUNCTION dw.transform_products(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    eff timestamp := dw.run_effective_at(p_run);
    counts dw.transform_count;
    price_counts dw.transform_count;
    touched text[];
BEGIN
    counts := dw.open_step(p_run, 'products', 'w_products');
    PERFORM dw.flag_duplicates(p_run, 'products', 'pg_temp.w_products', ARRAY['product_id']);
    PERFORM dw.flag_unresolved('w_products', 'product', 'product_id', 'category_id', 'dw.dim_category', 'category');
    counts := dw.quarantine_step(p_run, counts, 'w_products');
    ANALYZE w_products;

    price_counts := dw.open_step(p_run, 'product_prices', 'w_prices');
    PERFORM dw.flag_duplicates(p_run, 'product_prices', 'pg_temp.w_prices', ARRAY['product_id', 'valid_from']);
    UPDATE w_prices w
    SET problems = w.problems || dw.problem('transform.reference',
            format('price from %s references unknown product %s', w.valid_from, w.product_id))
    WHERE NOT EXISTS (SELECT 1 FROM w_products p WHERE p.product_id = w.product_id)
      AND NOT EXISTS (SELECT 1 FROM dw.dim_product d WHERE d.product_id = w.product_id);
    price_counts := dw.quarantine_step(p_run, price_counts, 'w_prices');
    ANALYZE w_prices;

    -- 1. Each new point of the price history is a version. Its category is
    --    the one in effect at that time if the product already had a
    --    version then, otherwise the one this run's product row gives.
    DROP TABLE IF EXISTS pg_temp.w_new_versions;
    CREATE TEMP TABLE w_new_versions ON COMMIT DROP AS
    SELECT * FROM (
        SELECT pr.product_id, pr.valid_from, 'price', pr.unit_price,
               CASE WHEN e.product_sk IS NOT NULL THEN e.category_id ELSE coalesce(wp.category_id, f.category_id) END,
               coalesce(wp.product_name, f.product_name), coalesce(wp.created_at, f.created_at), p_run, p_run
        FROM w_prices pr
        LEFT JOIN w_products wp ON wp.product_id = pr.product_id
        LEFT JOIN LATERAL (SELECT d.product_sk, d.category_id FROM dw.dim_product d
                           WHERE d.product_id = pr.product_id AND d.valid_from <= pr.valid_from
                           ORDER BY d.valid_from DESC LIMIT 1) e ON true
        LEFT JOIN LATERAL (SELECT d.category_id, d.product_name, d.created_at FROM dw.dim_product d
                           WHERE d.product_id = pr.product_id ORDER BY d.valid_from LIMIT 1) f ON true
        WHERE NOT EXISTS (SELECT 1 FROM dw.dim_product d WHERE d.product_id = pr.product_id AND d.valid_from = pr.valid_from)
    ) AS v (product_id, valid_from, change_kind, unit_price, category_id, product_name, created_at,
            created_run_id, updated_run_id);
    INSERT INTO dw.dim_product (product_id, valid_from, change_kind, unit_price, category_id, product_name,
                                created_at, created_run_id, updated_run_id)
    SELECT * FROM w_new_versions ORDER BY product_id, valid_from;

    -- 2. A known point whose price the source now states differently is
    --    corrected in place (the source's history is authoritative).
    UPDATE dw.dim_product d
    SET unit_price = pr.unit_price, change_kind = 'price', updated_run_id = p_run
    FROM w_prices pr
    WHERE d.product_id = pr.product_id AND d.valid_from = pr.valid_from
      AND (d.unit_price IS DISTINCT FROM pr.unit_price OR d.change_kind <> 'price');

    -- 3. A product without any version yet (no price history): one version
    --    from its creation (or from now), price unknown.
    DROP TABLE IF EXISTS pg_temp.w_new_versions;
    CREATE TEMP TABLE w_new_versions ON COMMIT DROP AS
    SELECT * FROM (
        SELECT wp.product_id, coalesce(wp.created_at, eff), 'first', NULL::numeric(14,4), wp.category_id, wp.product_name,
               wp.created_at, p_run, p_run
        FROM w_products wp
        WHERE NOT EXISTS (SELECT 1 FROM dw.dim_product d WHERE d.product_id = wp.product_id)
    ) AS v (product_id, valid_from, change_kind, unit_price, category_id, product_name, created_at,
            created_run_id, updated_run_id);
    INSERT INTO dw.dim_product (product_id, valid_from, change_kind, unit_price, category_id, product_name,
                                created_at, created_run_id, updated_run_id)
    SELECT * FROM w_new_versions ORDER BY product_id, valid_from;

    -- 4. A category change opens a version at the run's effective time,
    --    with the price then in effect; versions from then on carry it.
    DROP TABLE IF EXISTS pg_temp.w_new_versions;
    CREATE TEMP TABLE w_new_versions ON COMMIT DROP AS
    SELECT * FROM (
        SELECT wp.product_id, eff, 'attributes', e.unit_price, wp.category_id, wp.product_name, wp.created_at, p_run, p_run
        FROM w_products wp
        JOIN LATERAL (SELECT d.valid_from, d.unit_price, d.category_id FROM dw.dim_product d
                      WHERE d.product_id = wp.product_id AND d.valid_from <= eff
                      ORDER BY d.valid_from DESC LIMIT 1) e ON true
        WHERE e.category_id IS DISTINCT FROM wp.category_id AND e.valid_from < eff
    ) AS v (product_id, valid_from, change_kind, unit_price, category_id, product_name, created_at,
            created_run_id, updated_run_id);
    INSERT INTO dw.dim_product (product_id, valid_from, change_kind, unit_price, category_id, product_name,
                                created_at, created_run_id, updated_run_id)
    SELECT * FROM w_new_versions ORDER BY product_id, valid_from;
    UPDATE dw.dim_product d
    SET category_id = wp.category_id, updated_run_id = p_run
    FROM w_products wp
    WHERE d.product_id = wp.product_id AND d.valid_from >= eff AND d.category_id IS DISTINCT FROM wp.category_id;

    SELECT array_agg(DISTINCT x.product_id) INTO touched
    FROM (SELECT product_id FROM w_products UNION ALL SELECT product_id FROM w_prices) x;

    -- 5. Versions that are not price points carry the price of the latest
    --    point at or before them (NULL before the first known price).
    UPDATE dw.dim_product d
    SET unit_price = x.price, updated_run_id = p_run
    FROM (SELECT v.product_sk,
                 (SELECT p.unit_price FROM dw.dim_product p
                  WHERE p.product_id = v.product_id AND p.change_kind = 'price' AND p.valid_from <= v.valid_from
                  ORDER BY p.valid_from DESC LIMIT 1) AS price
          FROM dw.dim_product v
          WHERE v.product_id = ANY (touched) AND v.change_kind <> 'price') x
    WHERE d.product_sk = x.product_sk AND d.unit_price IS DISTINCT FROM x.price;

    -- 6. Type 1 attributes: corrected on every version.
    UPDATE dw.dim_product d
    SET product_name = wp.product_name, created_at = wp.created_at, updated_run_id = p_run
    FROM w_products wp
    WHERE d.product_id = wp.product_id
      AND (d.product_name, d.created_at) IS DISTINCT FROM (wp.product_name, wp.created_at);

    -- 7. Close and open versions.
    PERFORM dw.recompute_validity(p_run, 'dim_product', touched);

    DROP TABLE w_products;
    DROP TABLE w_prices;
    RETURN NEXT counts;
    RETURN NEXT price_counts;
END
$fn$;
