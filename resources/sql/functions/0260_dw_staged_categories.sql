-- staging.categories as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
CREATE OR REPLACE VIEW dw.staged_categories WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.category_id) AS category_id,
       dw.nullif_blank(s.category_name) AS category_name,
       dw.nullif_blank(s.parent_category_id) AS parent_category_id,
       array_remove(ARRAY[dw.check_required('category_id', s.category_id)], NULL) AS problems
FROM staging.categories s;
