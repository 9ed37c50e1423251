-- staging.customer_segments as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
CREATE OR REPLACE VIEW dw.staged_customer_segments WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.customer_id) AS customer_id,
       t.valid_from,
       dw.nullif_blank(s.segment) AS segment,
       array_remove(ARRAY[dw.check_required('customer_id', s.customer_id),
                          dw.check_required('valid_from', s.valid_from),
                          dw.check_cast('valid_from', s.valid_from, t.valid_from IS NOT NULL, 'a timestamp'),
                          dw.check_required('segment', s.segment)], NULL) AS problems
FROM staging.customer_segments s
CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.valid_from) AS valid_from) t;
