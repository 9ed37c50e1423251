-- Customers and their segment history → dw.dim_customer (SCD type 2).
CREATE OR REPLACE FUNCTION dw.transform_customers(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    eff timestamp := dw.run_effective_at(p_run);
    counts dw.transform_count;
    segment_counts dw.transform_count;
    touched text[];
BEGIN
    counts := dw.open_step(p_run, 'customers', 'w_customers');
    PERFORM dw.flag_duplicates(p_run, 'customers', 'pg_temp.w_customers', ARRAY['customer_id']);
    PERFORM dw.flag_unresolved('w_customers', 'customer', 'customer_id', 'country_code', 'dw.dim_country', 'country');
    counts := dw.quarantine_step(p_run, counts, 'w_customers');
    ANALYZE w_customers;

    segment_counts := dw.open_step(p_run, 'customer_segments', 'w_segments');
    PERFORM dw.flag_duplicates(p_run, 'customer_segments', 'pg_temp.w_segments', ARRAY['customer_id', 'valid_from']);
    UPDATE w_segments w
    SET problems = w.problems || dw.problem('transform.reference',
            format('segment from %s references unknown customer %s', w.valid_from, w.customer_id))
    WHERE NOT EXISTS (SELECT 1 FROM w_customers c WHERE c.customer_id = w.customer_id)
      AND NOT EXISTS (SELECT 1 FROM dw.dim_customer d WHERE d.customer_id = w.customer_id);
    segment_counts := dw.quarantine_step(p_run, segment_counts, 'w_segments');
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
    RETURN NEXT counts;
    RETURN NEXT segment_counts;
END
$fn$;
