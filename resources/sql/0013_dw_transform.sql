-- The transform stage: staged rows of one run → dimensions and facts.
--
-- Each dw.transform_<area>(run_id) is one step the engine calls (progress and
-- cancel between steps), in this order: countries, categories, products
-- (with product_prices), customers (with customer_segments), orders,
-- order_lines, payments, invoices, events. Each step:
--   1. reads the run's staged rows that no earlier stage quarantined into a
--      temporary work table, casting every field defensively (dw.try_*);
--   2. quarantines rows whose needed fields are empty or do not parse;
--   3. quarantines later copies of a business key ("duplicate of line N");
--   4. quarantines rows whose references resolve neither in this run nor in
--      what the warehouse already holds ("order 7 references unknown
--      customer 99");
--   5. applies the rest (SCD rules for dimensions, dw.upsert_facts by
--      business key for facts), writing only rows whose values change, so
--      the same snapshot loaded twice leaves every dw table as it was;
--   6. returns, per staged table, read = loaded + quarantined.
-- Work tables are temporary (ON COMMIT DROP) and dropped when a step ends.
-- New dimension versions are first collected in a work table and inserted
-- from there: a statement that reads a dimension while inserting into it can
-- rescan its own fresh pages row after row when the planner believes the
-- dimension empty (its state before a first load), which is quadratic.

-- The span of time each dimension version answers for in an as-of join:
-- [valid_from, valid_to), except that a member's first version also answers
-- for anything older (an order placed before the first known version gets
-- that version; for products, its price is then not used: see
-- transform_order_lines). Versions are contiguous, so an instant falls in
-- exactly one span, and the join is a plain hash join with a range filter.
CREATE VIEW dw.product_version_span AS
SELECT product_sk, product_id, unit_price, valid_from,
       CASE WHEN valid_from = min(valid_from) OVER (PARTITION BY product_id) THEN '-infinity'::timestamp
            ELSE valid_from END AS span_from,
       coalesce(valid_to, 'infinity'::timestamp) AS span_to
FROM dw.dim_product;

CREATE VIEW dw.customer_version_span AS
SELECT customer_sk, customer_id, valid_from,
       CASE WHEN valid_from = min(valid_from) OVER (PARTITION BY customer_id) THEN '-infinity'::timestamp
            ELSE valid_from END AS span_from,
       coalesce(valid_to, 'infinity'::timestamp) AS span_to
FROM dw.dim_customer;

-- Countries → dw.dim_country (SCD type 0).
CREATE FUNCTION dw.transform_countries(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_countries;
    CREATE TEMP TABLE w_countries ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.country_code) AS country_code,
           dw.nullif_blank(s.country_name) AS country_name,
           dw.nullif_blank(s.region) AS region,
           array_remove(ARRAY[dw.check_required('country_code', s.country_code)], NULL) AS problems
    FROM staging.countries s
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'countries' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'countries', 'pg_temp.w_countries');
    PERFORM dw.flag_duplicates(p_run, 'countries', 'pg_temp.w_countries', ARRAY['country_code']);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'countries', 'pg_temp.w_countries');

    INSERT INTO dw.dim_country (country_code, country_name, region, created_run_id)
    SELECT w.country_code, w.country_name, w.region, p_run
    FROM w_countries w
    WHERE NOT EXISTS (SELECT 1 FROM dw.dim_country d WHERE d.country_code = w.country_code);

    -- SCD0: what differs from the loaded row is recorded once, not applied.
    INSERT INTO dw.dim_country_conflict (country_code, attribute, kept_value, incoming_value, first_run_id, source_line)
    SELECT w.country_code, a.attribute, a.kept, a.incoming, p_run, w.source_line
    FROM w_countries w
    JOIN dw.dim_country d ON d.country_code = w.country_code
    CROSS JOIN LATERAL (VALUES ('country_name', d.country_name, w.country_name),
                               ('region', d.region, w.region)) AS a(attribute, kept, incoming)
    WHERE a.kept IS DISTINCT FROM a.incoming
    ON CONFLICT ON CONSTRAINT dim_country_conflict_once DO NOTHING;

    DROP TABLE w_countries;
    RETURN QUERY SELECT 'countries'::text, n_read, n_read - n_bad, n_bad;
END
$fn$;

-- Categories → dw.dim_category (type 1).
CREATE FUNCTION dw.transform_categories(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_categories;
    CREATE TEMP TABLE w_categories ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.category_id) AS category_id,
           dw.nullif_blank(s.category_name) AS category_name,
           dw.nullif_blank(s.parent_category_id) AS parent_category_id,
           array_remove(ARRAY[dw.check_required('category_id', s.category_id)], NULL) AS problems
    FROM staging.categories s
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'categories' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'categories', 'pg_temp.w_categories');
    PERFORM dw.flag_duplicates(p_run, 'categories', 'pg_temp.w_categories', ARRAY['category_id']);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'categories', 'pg_temp.w_categories');

    -- A parent resolves in this run or in the warehouse; rejecting a parent
    -- can orphan its children, hence the loop (categories are few).
    LOOP
        UPDATE w_categories w
        SET problems = w.problems || dw.problem('transform.reference',
                format('category %s references unknown parent category %s', w.category_id, w.parent_category_id))
        WHERE w.parent_category_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM w_categories p WHERE p.category_id = w.parent_category_id)
          AND NOT EXISTS (SELECT 1 FROM dw.dim_category d WHERE d.category_id = w.parent_category_id);
        EXIT WHEN NOT FOUND;
        n_bad := n_bad + dw.quarantine_problems(p_run, 'categories', 'pg_temp.w_categories');
    END LOOP;

    INSERT INTO dw.dim_category AS d (category_id, category_name, parent_category_id, created_run_id, updated_run_id)
    SELECT w.category_id, w.category_name, w.parent_category_id, p_run, p_run
    FROM w_categories w
    ON CONFLICT (category_id) DO UPDATE
        SET category_name = excluded.category_name,
            parent_category_id = excluded.parent_category_id,
            updated_run_id = p_run
        WHERE (d.category_name, d.parent_category_id) IS DISTINCT FROM (excluded.category_name, excluded.parent_category_id);

    DROP TABLE w_categories;
    RETURN QUERY SELECT 'categories'::text, n_read, n_read - n_bad, n_bad;
END
$fn$;

-- Products and their price history → dw.dim_product (SCD type 2).
CREATE FUNCTION dw.transform_products(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    eff timestamp := dw.run_effective_at(p_run);
    n_read bigint;
    n_bad bigint := 0;
    p_read bigint;
    p_bad bigint := 0;
    touched text[];
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_products;
    CREATE TEMP TABLE w_products ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.product_id) AS product_id,
           dw.nullif_blank(s.product_name) AS product_name,
           dw.nullif_blank(s.category_id) AS category_id,
           t.created_at,
           array_remove(ARRAY[dw.check_required('product_id', s.product_id),
                              dw.check_cast('created_at', s.created_at, t.created_at IS NOT NULL, 'a timestamp')], NULL) AS problems
    FROM staging.products s
    CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.created_at) AS created_at) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'products' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'products', 'pg_temp.w_products');
    PERFORM dw.flag_duplicates(p_run, 'products', 'pg_temp.w_products', ARRAY['product_id']);
    UPDATE w_products w
    SET problems = w.problems || dw.problem('transform.reference',
            format('product %s references unknown category %s', w.product_id, w.category_id))
    WHERE w.category_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM dw.dim_category c WHERE c.category_id = w.category_id);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'products', 'pg_temp.w_products');
    ANALYZE w_products;

    DROP TABLE IF EXISTS pg_temp.w_prices;
    CREATE TEMP TABLE w_prices ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.product_id) AS product_id,
           t.valid_from,
           t.unit_price,
           array_remove(ARRAY[dw.check_required('product_id', s.product_id),
                              dw.check_required('valid_from', s.valid_from),
                              dw.check_cast('valid_from', s.valid_from, t.valid_from IS NOT NULL, 'a timestamp'),
                              dw.check_required('unit_price', s.unit_price),
                              dw.check_cast('unit_price', s.unit_price, t.unit_price IS NOT NULL, 'an amount')], NULL) AS problems
    FROM staging.product_prices s
    CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.valid_from) AS valid_from, dw.try_money(s.unit_price) AS unit_price) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'product_prices' AND q.source_line = s.source_line);
    GET DIAGNOSTICS p_read = ROW_COUNT;
    p_bad := p_bad + dw.quarantine_problems(p_run, 'product_prices', 'pg_temp.w_prices');
    PERFORM dw.flag_duplicates(p_run, 'product_prices', 'pg_temp.w_prices', ARRAY['product_id', 'valid_from']);
    UPDATE w_prices w
    SET problems = w.problems || dw.problem('transform.reference',
            format('price from %s references unknown product %s', w.valid_from, w.product_id))
    WHERE NOT EXISTS (SELECT 1 FROM w_products p WHERE p.product_id = w.product_id)
      AND NOT EXISTS (SELECT 1 FROM dw.dim_product d WHERE d.product_id = w.product_id);
    p_bad := p_bad + dw.quarantine_problems(p_run, 'product_prices', 'pg_temp.w_prices');
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
    RETURN QUERY VALUES ('products'::text, n_read, n_read - n_bad, n_bad),
                        ('product_prices'::text, p_read, p_read - p_bad, p_bad);
END
$fn$;

-- Customers and their segment history → dw.dim_customer (SCD type 2).
CREATE FUNCTION dw.transform_customers(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    eff timestamp := dw.run_effective_at(p_run);
    n_read bigint;
    n_bad bigint := 0;
    s_read bigint;
    s_bad bigint := 0;
    touched text[];
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_customers;
    CREATE TEMP TABLE w_customers ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.customer_id) AS customer_id,
           dw.nullif_blank(s.email) AS email,
           dw.nullif_blank(s.first_name) AS first_name,
           dw.nullif_blank(s.last_name) AS last_name,
           dw.nullif_blank(s.phone) AS phone,
           dw.nullif_blank(s.country_code) AS country_code,
           NULL::text AS state,
           dw.nullif_blank(s.city) AS city,
           t.signup_date,
           array_remove(ARRAY[dw.check_required('customer_id', s.customer_id),
                              dw.check_cast('signup_date', s.signup_date, t.signup_date IS NOT NULL, 'a date')], NULL) AS problems
    FROM staging.customers s
    CROSS JOIN LATERAL (SELECT dw.try_date(s.signup_date) AS signup_date) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'customers' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'customers', 'pg_temp.w_customers');
    PERFORM dw.flag_duplicates(p_run, 'customers', 'pg_temp.w_customers', ARRAY['customer_id']);
    UPDATE w_customers w
    SET problems = w.problems || dw.problem('transform.reference',
            format('customer %s references unknown country %s', w.customer_id, w.country_code))
    WHERE w.country_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM dw.dim_country c WHERE c.country_code = w.country_code);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'customers', 'pg_temp.w_customers');
    ANALYZE w_customers;

    DROP TABLE IF EXISTS pg_temp.w_segments;
    CREATE TEMP TABLE w_segments ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.customer_id) AS customer_id,
           t.valid_from,
           dw.nullif_blank(s.segment) AS segment,
           array_remove(ARRAY[dw.check_required('customer_id', s.customer_id),
                              dw.check_required('valid_from', s.valid_from),
                              dw.check_cast('valid_from', s.valid_from, t.valid_from IS NOT NULL, 'a timestamp'),
                              dw.check_required('segment', s.segment)], NULL) AS problems
    FROM staging.customer_segments s
    CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.valid_from) AS valid_from) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'customer_segments' AND q.source_line = s.source_line);
    GET DIAGNOSTICS s_read = ROW_COUNT;
    s_bad := s_bad + dw.quarantine_problems(p_run, 'customer_segments', 'pg_temp.w_segments');
    PERFORM dw.flag_duplicates(p_run, 'customer_segments', 'pg_temp.w_segments', ARRAY['customer_id', 'valid_from']);
    UPDATE w_segments w
    SET problems = w.problems || dw.problem('transform.reference',
            format('segment from %s references unknown customer %s', w.valid_from, w.customer_id))
    WHERE NOT EXISTS (SELECT 1 FROM w_customers c WHERE c.customer_id = w.customer_id)
      AND NOT EXISTS (SELECT 1 FROM dw.dim_customer d WHERE d.customer_id = w.customer_id);
    s_bad := s_bad + dw.quarantine_problems(p_run, 'customer_segments', 'pg_temp.w_segments');
    ANALYZE w_segments;

    -- 1. Each new point of the segment history is a version; its address is
    --    the one in effect then if the customer had a version, otherwise the
    --    one this run's customer row gives.
    DROP TABLE IF EXISTS pg_temp.w_new_versions;
    CREATE TEMP TABLE w_new_versions ON COMMIT DROP AS
    SELECT * FROM (
        SELECT sg.customer_id, sg.valid_from, 'segment', sg.segment,
               CASE WHEN e.customer_sk IS NOT NULL THEN e.country_code ELSE coalesce(wc.country_code, f.country_code) END,
               CASE WHEN e.customer_sk IS NOT NULL THEN e.state ELSE coalesce(wc.state, f.state) END,
               CASE WHEN e.customer_sk IS NOT NULL THEN e.city ELSE coalesce(wc.city, f.city) END,
               coalesce(wc.email, f.email), coalesce(wc.first_name, f.first_name), coalesce(wc.last_name, f.last_name),
               coalesce(wc.phone, f.phone), coalesce(wc.signup_date, f.signup_date), p_run, p_run
        FROM w_segments sg
        LEFT JOIN w_customers wc ON wc.customer_id = sg.customer_id
        LEFT JOIN LATERAL (SELECT d.customer_sk, d.country_code, d.state, d.city FROM dw.dim_customer d
                           WHERE d.customer_id = sg.customer_id AND d.valid_from <= sg.valid_from
                           ORDER BY d.valid_from DESC LIMIT 1) e ON true
        LEFT JOIN LATERAL (SELECT d.country_code, d.state, d.city, d.email, d.first_name, d.last_name, d.phone, d.signup_date
                           FROM dw.dim_customer d
                           WHERE d.customer_id = sg.customer_id ORDER BY d.valid_from LIMIT 1) f ON true
        WHERE NOT EXISTS (SELECT 1 FROM dw.dim_customer d WHERE d.customer_id = sg.customer_id AND d.valid_from = sg.valid_from)
    ) AS v (customer_id, valid_from, change_kind, segment, country_code, state, city, email, first_name,
            last_name, phone, signup_date, created_run_id, updated_run_id);
    INSERT INTO dw.dim_customer (customer_id, valid_from, change_kind, segment, country_code, state, city,
                                 email, first_name, last_name, phone, signup_date, created_run_id, updated_run_id)
    SELECT * FROM w_new_versions ORDER BY customer_id, valid_from;

    -- 2. A known point whose segment the source now states differently is
    --    corrected in place.
    UPDATE dw.dim_customer d
    SET segment = sg.segment, change_kind = 'segment', updated_run_id = p_run
    FROM w_segments sg
    WHERE d.customer_id = sg.customer_id AND d.valid_from = sg.valid_from
      AND (d.segment IS DISTINCT FROM sg.segment OR d.change_kind <> 'segment');

    -- 3. A customer without any version yet: one version from signup (or now).
    DROP TABLE IF EXISTS pg_temp.w_new_versions;
    CREATE TEMP TABLE w_new_versions ON COMMIT DROP AS
    SELECT * FROM (
        SELECT wc.customer_id, coalesce(wc.signup_date::timestamp, eff), 'first', NULL, wc.country_code, wc.state, wc.city,
               wc.email, wc.first_name, wc.last_name, wc.phone, wc.signup_date, p_run, p_run
        FROM w_customers wc
        WHERE NOT EXISTS (SELECT 1 FROM dw.dim_customer d WHERE d.customer_id = wc.customer_id)
    ) AS v (customer_id, valid_from, change_kind, segment, country_code, state, city, email, first_name,
            last_name, phone, signup_date, created_run_id, updated_run_id);
    INSERT INTO dw.dim_customer (customer_id, valid_from, change_kind, segment, country_code, state, city,
                                 email, first_name, last_name, phone, signup_date, created_run_id, updated_run_id)
    SELECT * FROM w_new_versions ORDER BY customer_id, valid_from;

    -- 4. A changed address opens a version at the run's effective time, with
    --    the segment then in effect; versions from then on carry it.
    DROP TABLE IF EXISTS pg_temp.w_new_versions;
    CREATE TEMP TABLE w_new_versions ON COMMIT DROP AS
    SELECT * FROM (
        SELECT wc.customer_id, eff, 'address', e.segment, wc.country_code, wc.state, wc.city,
               wc.email, wc.first_name, wc.last_name, wc.phone, wc.signup_date, p_run, p_run
        FROM w_customers wc
        JOIN LATERAL (SELECT d.valid_from, d.segment, d.country_code, d.state, d.city FROM dw.dim_customer d
                      WHERE d.customer_id = wc.customer_id AND d.valid_from <= eff
                      ORDER BY d.valid_from DESC LIMIT 1) e ON true
        WHERE (e.country_code, e.state, e.city) IS DISTINCT FROM (wc.country_code, wc.state, wc.city) AND e.valid_from < eff
    ) AS v (customer_id, valid_from, change_kind, segment, country_code, state, city, email, first_name,
            last_name, phone, signup_date, created_run_id, updated_run_id);
    INSERT INTO dw.dim_customer (customer_id, valid_from, change_kind, segment, country_code, state, city,
                                 email, first_name, last_name, phone, signup_date, created_run_id, updated_run_id)
    SELECT * FROM w_new_versions ORDER BY customer_id, valid_from;
    UPDATE dw.dim_customer d
    SET country_code = wc.country_code, state = wc.state, city = wc.city, updated_run_id = p_run
    FROM w_customers wc
    WHERE d.customer_id = wc.customer_id AND d.valid_from >= eff
      AND (d.country_code, d.state, d.city) IS DISTINCT FROM (wc.country_code, wc.state, wc.city);

    SELECT array_agg(DISTINCT x.customer_id) INTO touched
    FROM (SELECT customer_id FROM w_customers UNION ALL SELECT customer_id FROM w_segments) x;

    -- 5. Versions that are not segment points carry the segment of the
    --    latest point at or before them (NULL before the first known one).
    UPDATE dw.dim_customer d
    SET segment = x.segment, updated_run_id = p_run
    FROM (SELECT v.customer_sk,
                 (SELECT p.segment FROM dw.dim_customer p
                  WHERE p.customer_id = v.customer_id AND p.change_kind = 'segment' AND p.valid_from <= v.valid_from
                  ORDER BY p.valid_from DESC LIMIT 1) AS segment
          FROM dw.dim_customer v
          WHERE v.customer_id = ANY (touched) AND v.change_kind <> 'segment') x
    WHERE d.customer_sk = x.customer_sk AND d.segment IS DISTINCT FROM x.segment;

    -- 6. Type 1 attributes: corrected on every version.
    UPDATE dw.dim_customer d
    SET email = wc.email, first_name = wc.first_name, last_name = wc.last_name, phone = wc.phone,
        signup_date = wc.signup_date, updated_run_id = p_run
    FROM w_customers wc
    WHERE d.customer_id = wc.customer_id
      AND (d.email, d.first_name, d.last_name, d.phone, d.signup_date)
          IS DISTINCT FROM (wc.email, wc.first_name, wc.last_name, wc.phone, wc.signup_date);

    -- 7. Close and open versions.
    PERFORM dw.recompute_validity(p_run, 'dim_customer', touched);

    DROP TABLE w_customers;
    DROP TABLE w_segments;
    RETURN QUERY VALUES ('customers'::text, n_read, n_read - n_bad, n_bad),
                        ('customer_segments'::text, s_read, s_read - s_bad, s_bad);
END
$fn$;

-- Orders → dw.fact_order. The customer version is the one in effect at
-- order_ts (the latest valid_from ≤ order_ts; an order older than the
-- customer's first version gets that first version).
CREATE FUNCTION dw.transform_orders(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
    lo date;
    hi date;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_orders;
    CREATE TEMP TABLE w_orders ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.order_id) AS order_id,
           dw.nullif_blank(s.customer_id) AS customer_id,
           t.order_ts,
           dw.nullif_blank(s.channel) AS channel,
           dw.nullif_blank(s.status) AS status,
           dw.nullif_blank(s.payment_method) AS payment_method,
           dw.nullif_blank(s.country_code) AS country_code,
           t.items_subtotal, t.discount_total, t.shipping_fee, t.order_total,
           NULL::bigint AS customer_sk,
           array_remove(ARRAY[
               dw.check_required('order_id', s.order_id),
               dw.check_required('customer_id', s.customer_id),
               dw.check_required('order_ts', s.order_ts),
               dw.check_cast('order_ts', s.order_ts, t.order_ts IS NOT NULL, 'a timestamp'),
               dw.check_cast('items_subtotal', s.items_subtotal, t.items_subtotal IS NOT NULL, 'an amount'),
               dw.check_cast('discount_total', s.discount_total, t.discount_total IS NOT NULL, 'an amount'),
               dw.check_cast('shipping_fee', s.shipping_fee, t.shipping_fee IS NOT NULL, 'an amount'),
               dw.check_cast('order_total', s.order_total, t.order_total IS NOT NULL, 'an amount')], NULL) AS problems
    FROM staging.orders s
    CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.order_ts) AS order_ts,
                               dw.try_money(s.items_subtotal) AS items_subtotal,
                               dw.try_money(s.discount_total) AS discount_total,
                               dw.try_money(s.shipping_fee) AS shipping_fee,
                               dw.try_money(s.order_total) AS order_total) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'orders' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'orders', 'pg_temp.w_orders');
    PERFORM dw.flag_duplicates(p_run, 'orders', 'pg_temp.w_orders', ARRAY['order_id']);
    ANALYZE w_orders;
    UPDATE w_orders w
    SET problems = w.problems || dw.problem('transform.reference',
            format('order %s references unknown customer %s', w.order_id, w.customer_id))
    WHERE NOT EXISTS (SELECT 1 FROM dw.dim_customer d WHERE d.customer_id = w.customer_id);
    UPDATE w_orders w
    SET problems = w.problems || dw.problem('transform.reference',
            format('order %s references unknown country %s', w.order_id, w.country_code))
    WHERE w.country_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM dw.dim_country c WHERE c.country_code = w.country_code);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'orders', 'pg_temp.w_orders');

    UPDATE w_orders w
    SET customer_sk = v.customer_sk
    FROM dw.customer_version_span v
    WHERE v.customer_id = w.customer_id AND w.order_ts >= v.span_from AND w.order_ts < v.span_to;
    ANALYZE w_orders;

    SELECT min(order_ts)::date, max(order_ts)::date INTO lo, hi FROM w_orders;
    PERFORM dw.ensure_month_partitions('dw.fact_order', lo, hi);
    PERFORM dw.extend_dim_date(lo, hi);

    -- Orders already in the warehouse whose header changes: their lines,
    -- payments and invoices follow (below), wherever they were loaded from.
    DROP TABLE IF EXISTS pg_temp.w_order_changes;
    CREATE TEMP TABLE w_order_changes ON COMMIT DROP AS
    SELECT w.order_id, w.order_ts, w.order_ts::date AS order_date, w.customer_sk, w.country_code, w.channel, w.status
    FROM w_orders w
    JOIN dw.fact_order f ON f.order_id = w.order_id
    WHERE (f.order_ts, f.customer_sk, f.country_code, f.channel, f.status)
          IS DISTINCT FROM (w.order_ts, w.customer_sk, w.country_code, w.channel, w.status);

    PERFORM dw.upsert_facts(p_run, 'dw.fact_order', 'SELECT w.*, w.order_ts::date AS order_date FROM w_orders w', ARRAY['order_id']);

    IF EXISTS (SELECT 1 FROM w_order_changes) THEN
        SELECT min(order_date), max(order_date) INTO lo, hi FROM w_order_changes;
        PERFORM dw.ensure_month_partitions('dw.fact_order_line', lo, hi);
        PERFORM dw.ensure_month_partitions('dw.fact_payment', lo, hi);
        PERFORM dw.ensure_month_partitions('dw.fact_invoice', lo, hi);
        UPDATE dw.fact_order_line l
        SET order_date = c.order_date, order_ts = c.order_ts, customer_sk = c.customer_sk,
            country_code = c.country_code, channel = c.channel, status = c.status,
            product_sk = v.product_sk, updated_run_id = p_run
        FROM w_order_changes c, dw.product_version_span v
        WHERE l.order_id = c.order_id
          AND v.product_id = l.product_id AND c.order_ts >= v.span_from AND c.order_ts < v.span_to;
        UPDATE dw.fact_payment p
        SET order_date = c.order_date, customer_sk = c.customer_sk, updated_run_id = p_run
        FROM w_order_changes c
        WHERE p.order_id = c.order_id AND (p.order_date, p.customer_sk) IS DISTINCT FROM (c.order_date, c.customer_sk);
        UPDATE dw.fact_invoice i
        SET order_date = c.order_date, updated_run_id = p_run
        FROM w_order_changes c
        WHERE i.order_id = c.order_id AND i.order_date <> c.order_date;
    END IF;

    DROP TABLE w_order_changes;
    DROP TABLE w_orders;
    RETURN QUERY SELECT 'orders'::text, n_read, n_read - n_bad, n_bad;
END
$fn$;

-- Order lines → dw.fact_order_line. The order resolves in this run or in the
-- warehouse (it is in dw.fact_order either way by now); the product version
-- is the one in effect at the order's time. A line without a unit price takes
-- the as-of list price, and its line_total is then quantity × price −
-- discount; a line that has no price and whose product had none in effect
-- then is quarantined (never a future price).
CREATE FUNCTION dw.transform_order_lines(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
    lo date;
    hi date;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_lines;
    CREATE TEMP TABLE w_lines ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.order_id) AS order_id,
           t.line_no,
           dw.nullif_blank(s.product_id) AS product_id,
           t.quantity, t.unit_price, t.discount, t.line_total,
           array_remove(ARRAY[
               dw.check_required('order_id', s.order_id),
               dw.check_required('line_no', s.line_no),
               dw.check_cast('line_no', s.line_no, t.line_no IS NOT NULL, 'an integer'),
               dw.check_required('product_id', s.product_id),
               dw.check_required('quantity', s.quantity),
               dw.check_cast('quantity', s.quantity, t.quantity IS NOT NULL, 'an integer'),
               dw.check_cast('unit_price', s.unit_price, t.unit_price IS NOT NULL, 'an amount'),
               dw.check_cast('discount', s.discount, t.discount IS NOT NULL, 'an amount'),
               dw.check_cast('line_total', s.line_total, t.line_total IS NOT NULL, 'an amount')], NULL) AS problems
    FROM staging.order_lines s
    CROSS JOIN LATERAL (SELECT dw.try_int(s.line_no) AS line_no, dw.try_int(s.quantity) AS quantity,
                               dw.try_money(s.unit_price) AS unit_price, dw.try_money(s.discount) AS discount,
                               dw.try_money(s.line_total) AS line_total) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'order_lines' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'order_lines', 'pg_temp.w_lines');
    PERFORM dw.flag_duplicates(p_run, 'order_lines', 'pg_temp.w_lines', ARRAY['order_id', 'line_no']);
    ANALYZE w_lines;

    -- Resolve the order (its header, loaded by now whichever run brought it)
    -- and the product version as of the order: the latest valid_from ≤
    -- order_ts, or, for an order older than the product's first version, that
    -- first version (its price is then not used: see transform.price).
    DROP TABLE IF EXISTS pg_temp.w_lines_resolved;
    CREATE TEMP TABLE w_lines_resolved ON COMMIT DROP AS
    SELECT w.source_line, w.order_id, w.line_no, w.product_id, w.quantity, w.unit_price, w.discount,
           w.line_total, o.order_date, o.order_ts, o.customer_sk, o.country_code, o.channel, o.status,
           v.product_sk,
           CASE WHEN o.order_ts >= v.valid_from THEN v.unit_price END AS asof_price,
           w.problems
               || CASE WHEN o.order_id IS NULL THEN ARRAY[dw.problem('transform.reference',
                          format('line %s of order %s references unknown order %s', w.line_no, w.order_id, w.order_id))]
                       ELSE '{}'::text[] END
               || CASE WHEN k.product_id IS NULL THEN ARRAY[dw.problem('transform.reference',
                          format('line %s of order %s references unknown product %s', w.line_no, w.order_id, w.product_id))]
                       WHEN o.order_id IS NOT NULL AND w.unit_price IS NULL
                            AND (o.order_ts < v.valid_from OR v.unit_price IS NULL)
                       THEN ARRAY[dw.problem('transform.price',
                          format('line %s of order %s has no unit price and product %s had no price in effect at %s',
                                 w.line_no, w.order_id, w.product_id, o.order_ts))]
                       ELSE '{}'::text[] END AS problems
    FROM w_lines w
    LEFT JOIN dw.fact_order o ON o.order_id = w.order_id
    LEFT JOIN (SELECT DISTINCT product_id FROM dw.dim_product) k ON k.product_id = w.product_id
    LEFT JOIN dw.product_version_span v
           ON v.product_id = w.product_id AND o.order_ts >= v.span_from AND o.order_ts < v.span_to;
    DROP TABLE w_lines;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'order_lines', 'pg_temp.w_lines_resolved');
    ANALYZE w_lines_resolved;

    SELECT min(order_date), max(order_date) INTO lo, hi FROM w_lines_resolved;
    PERFORM dw.ensure_month_partitions('dw.fact_order_line', lo, hi);

    PERFORM dw.upsert_facts(p_run, 'dw.fact_order_line', 'SELECT w.order_id, w.line_no, w.order_date, w.order_ts, w.customer_sk, w.product_id, w.product_sk,
                   w.country_code, w.channel, w.status, w.quantity,
                   coalesce(w.unit_price, w.asof_price) AS unit_price,
                   coalesce(w.discount, 0) AS discount,
                   coalesce(w.line_total, w.quantity * coalesce(w.unit_price, w.asof_price) - coalesce(w.discount, 0))
                       AS line_total,
                   CASE WHEN w.unit_price IS NULL THEN ''as_of'' ELSE ''source'' END AS price_source
            FROM w_lines_resolved w', ARRAY['order_id', 'line_no']);

    DROP TABLE w_lines_resolved;
    RETURN QUERY SELECT 'order_lines'::text, n_read, n_read - n_bad, n_bad;
END
$fn$;

-- Payments and invoices hang off an order: after their own checks they share
-- the rest. Later copies of an id are flagged, the order resolves in
-- dw.fact_order (this run's or an earlier one's) and gives the row its
-- order_date (the partition key) and customer_sk, unknown orders are
-- quarantined, and the rows are applied to p_target. Returns the rows
-- quarantined here.
CREATE FUNCTION dw.load_order_children(p_run bigint, p_table text, p_work text, p_noun text, p_id text,
                                       p_target regclass) RETURNS bigint
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    resolved text := p_work || '_resolved';
    bad bigint;
    lo date;
    hi date;
BEGIN
    PERFORM dw.flag_duplicates(p_run, p_table, p_work, ARRAY[p_id]);
    EXECUTE format('ANALYZE %s', p_work);
    EXECUTE format('DROP TABLE IF EXISTS %s', resolved);
    EXECUTE format('CREATE TEMP TABLE %s ON COMMIT DROP AS '
                   'SELECT w.*, o.order_date, o.customer_sk FROM %s w LEFT JOIN dw.fact_order o ON o.order_id = w.order_id',
                   resolved, p_work);
    EXECUTE format($q$
        UPDATE %1$s w
        SET problems = w.problems || dw.problem('transform.reference',
                format('%2$s %%s references unknown order %%s', w.%3$I, w.order_id))
        WHERE w.order_date IS NULL$q$, resolved, p_noun, p_id);
    bad := dw.quarantine_problems(p_run, p_table, resolved);
    EXECUTE format('SELECT min(order_date), max(order_date) FROM %s', resolved) INTO lo, hi;
    PERFORM dw.ensure_month_partitions(p_target, lo, hi);
    PERFORM dw.upsert_facts(p_run, p_target, 'SELECT * FROM ' || resolved, ARRAY[p_id]);
    EXECUTE format('DROP TABLE %s', resolved);
    RETURN bad;
END
$fn$;

-- Payments → dw.fact_payment (partitioned by their order's date).
CREATE FUNCTION dw.transform_payments(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_payments;
    CREATE TEMP TABLE w_payments ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.payment_id) AS payment_id,
           dw.nullif_blank(s.order_id) AS order_id,
           t.paid_ts,
           dw.nullif_blank(s.method) AS method,
           t.amount,
           array_remove(ARRAY[
               dw.check_required('payment_id', s.payment_id),
               dw.check_required('order_id', s.order_id),
               dw.check_cast('paid_ts', s.paid_ts, t.paid_ts IS NOT NULL, 'a timestamp'),
               dw.check_cast('amount', s.amount, t.amount IS NOT NULL, 'an amount')], NULL) AS problems
    FROM staging.payments s
    CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.paid_ts) AS paid_ts, dw.try_money(s.amount) AS amount) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'payments' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'payments', 'pg_temp.w_payments');
    n_bad := n_bad + dw.load_order_children(p_run, 'payments', 'pg_temp.w_payments', 'payment', 'payment_id',
                                            'dw.fact_payment');
    DROP TABLE w_payments;
    RETURN QUERY SELECT 'payments'::text, n_read, n_read - n_bad, n_bad;
END
$fn$;

-- Invoices → dw.fact_invoice (partitioned by their order's date).
CREATE FUNCTION dw.transform_invoices(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_invoices;
    CREATE TEMP TABLE w_invoices ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.invoice_id) AS invoice_id,
           dw.nullif_blank(s.order_id) AS order_id,
           t.invoice_ts,
           t.amount,
           array_remove(ARRAY[
               dw.check_required('invoice_id', s.invoice_id),
               dw.check_required('order_id', s.order_id),
               dw.check_cast('invoice_ts', s.invoice_ts, t.invoice_ts IS NOT NULL, 'a timestamp'),
               dw.check_cast('amount', s.amount, t.amount IS NOT NULL, 'an amount')], NULL) AS problems
    FROM staging.invoices s
    CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.invoice_ts) AS invoice_ts, dw.try_money(s.amount) AS amount) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'invoices' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'invoices', 'pg_temp.w_invoices');
    n_bad := n_bad + dw.load_order_children(p_run, 'invoices', 'pg_temp.w_invoices', 'invoice', 'invoice_id',
                                            'dw.fact_invoice');
    DROP TABLE w_invoices;
    RETURN QUERY SELECT 'invoices'::text, n_read, n_read - n_bad, n_bad;
END
$fn$;

-- Clickstream → dw.fact_event. customer_id and product_id may be empty
-- (anonymous sessions, pages without a product); when present they must
-- resolve.
CREATE FUNCTION dw.transform_events(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
    lo date;
    hi date;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_events;
    CREATE TEMP TABLE w_events ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.event_id) AS event_id,
           dw.nullif_blank(s.session_id) AS session_id,
           dw.nullif_blank(s.customer_id) AS customer_id,
           t.event_ts,
           dw.nullif_blank(s.event_type) AS event_type,
           dw.nullif_blank(s.product_id) AS product_id,
           array_remove(ARRAY[
               dw.check_required('event_id', s.event_id),
               dw.check_required('event_ts', s.event_ts),
               dw.check_cast('event_ts', s.event_ts, t.event_ts IS NOT NULL, 'a timestamp')], NULL) AS problems
    FROM staging.events s
    CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.event_ts) AS event_ts) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'events' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'events', 'pg_temp.w_events');
    PERFORM dw.flag_duplicates(p_run, 'events', 'pg_temp.w_events', ARRAY['event_id']);
    ANALYZE w_events;
    UPDATE w_events w
    SET problems = w.problems || dw.problem('transform.reference',
            format('event %s references unknown customer %s', w.event_id, w.customer_id))
    WHERE w.customer_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM dw.dim_customer d WHERE d.customer_id = w.customer_id);
    UPDATE w_events w
    SET problems = w.problems || dw.problem('transform.reference',
            format('event %s references unknown product %s', w.event_id, w.product_id))
    WHERE w.product_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM dw.dim_product d WHERE d.product_id = w.product_id);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'events', 'pg_temp.w_events');

    SELECT min(event_ts)::date, max(event_ts)::date INTO lo, hi FROM w_events;
    PERFORM dw.ensure_month_partitions('dw.fact_event', lo, hi);
    PERFORM dw.extend_dim_date(lo, hi);

    PERFORM dw.upsert_facts(p_run, 'dw.fact_event', 'SELECT w.*, w.event_ts::date AS event_date FROM w_events w', ARRAY['event_id']);

    DROP TABLE w_events;
    RETURN QUERY SELECT 'events'::text, n_read, n_read - n_bad, n_bad;
END
$fn$;
