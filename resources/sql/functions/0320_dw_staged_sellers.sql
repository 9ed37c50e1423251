-- staging.sellers as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
CREATE OR REPLACE VIEW dw.staged_sellers WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.seller_id) AS seller_id,
       dw.nullif_blank(s.zip_code) AS zip_code,
       dw.nullif_blank(s.city) AS city,
       dw.nullif_blank(s.state) AS state,
       array_remove(ARRAY[dw.check_required('seller_id', s.seller_id)], NULL) AS problems
FROM staging.sellers s;
