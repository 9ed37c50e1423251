-- Customers and their segment history → dw.dim_customer (SCD type 2).
CREATE OR REPLACE FUNCTION dw.transform_customers(p_run bigint) RETURNS SETOF dw.transform_count
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
           dw.nullif_blank(s.state) AS state,
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
