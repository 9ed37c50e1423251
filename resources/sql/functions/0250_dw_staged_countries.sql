-- staging.countries as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
CREATE OR REPLACE VIEW dw.staged_countries WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.country_code) AS country_code,
       dw.nullif_blank(s.country_name) AS country_name,
       dw.nullif_blank(s.region) AS region,
       array_remove(ARRAY[dw.check_required('country_code', s.country_code)], NULL) AS problems
FROM staging.countries s;
