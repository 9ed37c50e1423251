-- Countries → dw.dim_country (SCD type 0).
CREATE OR REPLACE FUNCTION dw.transform_countries(p_run bigint) RETURNS SETOF dw.transform_count
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
