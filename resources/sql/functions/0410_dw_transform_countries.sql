-- Countries → dw.dim_country (SCD type 0).
CREATE OR REPLACE FUNCTION dw.transform_countries(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    counts dw.transform_count;
BEGIN
    counts := dw.open_step(p_run, 'countries', 'w_countries');
    PERFORM dw.flag_duplicates(p_run, 'countries', 'pg_temp.w_countries', ARRAY['country_code']);
    counts := dw.quarantine_step(p_run, counts, 'w_countries');

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
    RETURN NEXT counts;
END
$fn$;
