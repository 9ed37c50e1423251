-- staging.customers as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
CREATE OR REPLACE VIEW dw.staged_customers WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
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
CROSS JOIN LATERAL (SELECT dw.try_date(s.signup_date) AS signup_date) t;
