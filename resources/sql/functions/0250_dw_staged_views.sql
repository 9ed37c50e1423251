-- The staged tables as the transform reads them, one view each
-- (dw.staged_<table>, read by dw.open_step): every field typed (NULL where it
-- does not parse; dw.try_*), and the problems of the needed fields that are
-- empty or do not parse (dw.check_required, dw.check_cast). One family in one
-- file: the same shape fourteen times, changed together.
-- security_invoker: reading a view needs the rights on staging itself, so a
-- role that may not read staging (the steward) cannot read it through dw.

CREATE OR REPLACE VIEW dw.staged_countries WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.country_code) AS country_code,
       dw.nullif_blank(s.country_name) AS country_name,
       dw.nullif_blank(s.region) AS region,
       array_remove(ARRAY[dw.check_required('country_code', s.country_code)], NULL) AS problems
FROM staging.countries s;

CREATE OR REPLACE VIEW dw.staged_categories WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.category_id) AS category_id,
       dw.nullif_blank(s.category_name) AS category_name,
       dw.nullif_blank(s.parent_category_id) AS parent_category_id,
       array_remove(ARRAY[dw.check_required('category_id', s.category_id)], NULL) AS problems
FROM staging.categories s;

CREATE OR REPLACE VIEW dw.staged_products WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.product_id) AS product_id,
       dw.nullif_blank(s.product_name) AS product_name,
       dw.nullif_blank(s.category_id) AS category_id,
       t.created_at,
       array_remove(ARRAY[dw.check_required('product_id', s.product_id),
                          dw.check_cast('created_at', s.created_at, t.created_at IS NOT NULL, 'a timestamp')], NULL) AS problems
FROM staging.products s
CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.created_at) AS created_at) t;

CREATE OR REPLACE VIEW dw.staged_product_prices WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.product_id) AS product_id,
       t.valid_from,
       t.unit_price,
       array_remove(ARRAY[dw.check_required('product_id', s.product_id),
                          dw.check_required('valid_from', s.valid_from),
                          dw.check_cast('valid_from', s.valid_from, t.valid_from IS NOT NULL, 'a timestamp'),
                          dw.check_required('unit_price', s.unit_price),
                          dw.check_cast('unit_price', s.unit_price, t.unit_price IS NOT NULL, 'an amount')], NULL) AS problems
FROM staging.product_prices s
CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.valid_from) AS valid_from, dw.try_money(s.unit_price) AS unit_price) t;

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

CREATE OR REPLACE VIEW dw.staged_zip_codes WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.zip_code) AS zip_code,
       dw.nullif_blank(s.city) AS city,
       dw.nullif_blank(s.state) AS state,
       t.latitude, t.longitude, t.points,
       array_remove(ARRAY[
           dw.check_required('zip_code', s.zip_code),
           dw.check_cast('latitude', s.latitude, t.latitude IS NOT NULL AND abs(t.latitude) <= 90, 'a latitude'),
           dw.check_cast('longitude', s.longitude, t.longitude IS NOT NULL, 'a longitude'),
           dw.check_cast('points', s.points, t.points IS NOT NULL, 'a count')], NULL) AS problems
FROM staging.zip_codes s
CROSS JOIN LATERAL (SELECT dw.try_coordinate(s.latitude) AS latitude, dw.try_coordinate(s.longitude) AS longitude,
                           dw.try_int(s.points) AS points) t;

CREATE OR REPLACE VIEW dw.staged_sellers WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.seller_id) AS seller_id,
       dw.nullif_blank(s.zip_code) AS zip_code,
       dw.nullif_blank(s.city) AS city,
       dw.nullif_blank(s.state) AS state,
       array_remove(ARRAY[dw.check_required('seller_id', s.seller_id)], NULL) AS problems
FROM staging.sellers s;

CREATE OR REPLACE VIEW dw.staged_orders WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
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
                           dw.try_money(s.order_total) AS order_total) t;

CREATE OR REPLACE VIEW dw.staged_order_lines WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
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
                           dw.try_money(s.line_total) AS line_total) t;

CREATE OR REPLACE VIEW dw.staged_payments WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
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
CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.paid_ts) AS paid_ts, dw.try_money(s.amount) AS amount) t;

CREATE OR REPLACE VIEW dw.staged_invoices WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
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
CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.invoice_ts) AS invoice_ts, dw.try_money(s.amount) AS amount) t;

CREATE OR REPLACE VIEW dw.staged_reviews WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.review_id) AS review_id,
       dw.nullif_blank(s.order_id) AS order_id,
       t.score,
       nullif(s.comment_title, '') AS comment_title,
       nullif(s.comment_message, '') AS comment_message,
       t.created_ts, t.answered_ts,
       array_remove(ARRAY[
           dw.check_required('review_id', s.review_id),
           dw.check_required('order_id', s.order_id),
           dw.check_cast('score', s.score, t.score BETWEEN 1 AND 5, 'a score from 1 to 5'),
           dw.check_cast('created_at', s.created_at, t.created_ts IS NOT NULL, 'a timestamp'),
           dw.check_cast('answered_at', s.answered_at, t.answered_ts IS NOT NULL, 'a timestamp')], NULL) AS problems
FROM staging.reviews s
CROSS JOIN LATERAL (SELECT dw.try_int(s.score)::smallint AS score, dw.try_timestamp(s.created_at) AS created_ts,
                           dw.try_timestamp(s.answered_at) AS answered_ts) t;

CREATE OR REPLACE VIEW dw.staged_events WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
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
CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.event_ts) AS event_ts) t;
