-- What real sources stage beyond the synthetic shop (0040) reaches the
-- warehouse: sellers, postcodes (Olist geolocation), reviews, the order's
-- fulfilment milestones and, per line, its seller, shipping limit and freight.
-- Every step follows the rules of 0013 (work table, quarantine with reasons,
-- read = loaded + quarantined, only changed rows written, so a re-run writes
-- nothing). The synthetic and transaction-log sources stage none of this;
-- their runs read zero rows here and report nothing.

-- Sellers: type 1 (a moved seller's address overwrites).
CREATE TABLE dw.dim_seller (
    seller_id      text   PRIMARY KEY,
    zip_code       text,
    city           text,
    state          text,
    created_run_id bigint NOT NULL,
    updated_run_id bigint NOT NULL
);
COMMENT ON TABLE dw.dim_seller IS 'Marketplace sellers (Olist), type 1.';

-- Postcode prefixes with their place and the mean of their geolocation
-- points: type 1, where maps and geography marts find coordinates.
CREATE TABLE dw.dim_zip_code (
    zip_code       text    PRIMARY KEY,
    city           text,
    state          text,
    latitude       numeric,
    longitude      numeric,
    points         integer,
    created_run_id bigint  NOT NULL,
    updated_run_id bigint  NOT NULL
);
COMMENT ON TABLE dw.dim_zip_code IS 'Postcode prefixes with place and mean coordinates (Olist geolocation), type 1.';

-- Reviews, one row per (review, order): Olist reuses a review id across the
-- orders it covers. Not partitioned: there is at most about one per order,
-- and the order (through order_id) carries the date analysts slice by.
CREATE TABLE dw.fact_review (
    review_id       text      NOT NULL,
    order_id        text      NOT NULL,
    score           smallint  NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment_title   text,
    comment_message text,                   -- as written: newlines and quotes kept
    created_ts      timestamp,
    answered_ts     timestamp,
    created_run_id  bigint    NOT NULL,
    updated_run_id  bigint    NOT NULL,
    PRIMARY KEY (review_id, order_id)
);
CREATE INDEX fact_review_order_idx ON dw.fact_review (order_id);
COMMENT ON TABLE dw.fact_review IS 'Customer reviews of orders (Olist), one row per review and order.';

-- The order's life after purchase (an accumulating snapshot on the header)
-- and the line's seller and freight. NULL where the source has no such data.
ALTER TABLE dw.fact_order
    ADD COLUMN approved_ts           timestamp,
    ADD COLUMN delivered_carrier_ts  timestamp,
    ADD COLUMN delivered_customer_ts timestamp,
    ADD COLUMN estimated_delivery_ts timestamp;
ALTER TABLE dw.fact_order_line
    ADD COLUMN seller_id         text,
    ADD COLUMN shipping_limit_ts timestamp,
    ADD COLUMN freight_value     numeric(14,4);

-- dw.upsert_facts as in 0010, except that it writes the fact's columns the
-- source query has rather than requiring all of them: the order and line
-- steps of 0013 keep writing what they always wrote, and the steps below
-- write the new columns of the same rows without touching the others.
CREATE OR REPLACE FUNCTION dw.upsert_facts(p_run bigint, p_target regclass, p_source text, p_key text[]) RETURNS bigint
    LANGUAGE plpgsql AS $fn$
DECLARE
    cols text[];
    col_list text;
    s_list text;
    t_list text;
    key_match text;
    updated bigint;
    inserted bigint;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_upsert_shape;
    EXECUTE format('CREATE TEMP TABLE w_upsert_shape ON COMMIT DROP AS SELECT * FROM (%s) s LIMIT 0', p_source);
    SELECT array_agg(a.attname::text ORDER BY a.attnum) INTO cols
    FROM pg_attribute a
    WHERE a.attrelid = p_target AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attname NOT IN ('created_run_id', 'updated_run_id')
      AND EXISTS (SELECT 1 FROM pg_attribute s
                  WHERE s.attrelid = 'pg_temp.w_upsert_shape'::regclass AND s.attname = a.attname AND NOT s.attisdropped);
    DROP TABLE w_upsert_shape;
    col_list := (SELECT string_agg(format('%I', c), ', ') FROM unnest(cols) c);
    s_list := (SELECT string_agg(format('s.%I', c), ', ') FROM unnest(cols) c);
    t_list := (SELECT string_agg(format('t.%I', c), ', ') FROM unnest(cols) c);
    key_match := (SELECT string_agg(format('t.%1$I = s.%1$I', k), ' AND ') FROM unnest(p_key) k);
    EXECUTE format('UPDATE %1$s t SET (%2$s, updated_run_id) = (%3$s, $1) FROM (%4$s) s '
                   'WHERE %5$s AND (%6$s) IS DISTINCT FROM (%3$s)',
                   p_target, col_list, s_list, p_source, key_match, t_list)
    USING p_run;
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXECUTE format('INSERT INTO %1$s (%2$s, created_run_id, updated_run_id) SELECT %3$s, $1, $1 FROM (%4$s) s '
                   'WHERE NOT EXISTS (SELECT 1 FROM %1$s t WHERE %5$s)',
                   p_target, col_list, s_list, p_source, key_match)
    USING p_run;
    GET DIAGNOSTICS inserted = ROW_COUNT;
    RETURN updated + inserted;
END
$fn$;
COMMENT ON FUNCTION dw.upsert_facts(bigint, regclass, text, text[]) IS
    'Updates changed and inserts new rows by business key, writing the target columns the source has; '
    'identical rows are left untouched.';

-- The count row of a step, unless the source staged nothing for its table.
CREATE FUNCTION dw.step_count(p_table text, p_read bigint, p_bad bigint) RETURNS SETOF dw.transform_count
    LANGUAGE sql IMMUTABLE
    AS $fn$ SELECT p_table, p_read, p_read - p_bad, p_bad WHERE p_read > 0 $fn$;

-- A coordinate: a decimal number within ±180, or NULL.
CREATE FUNCTION dw.try_coordinate(s text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN btrim(s) ~ '^[+-]?[0-9]{1,3}(\.[0-9]+)?$' AND abs(btrim(s)::numeric) <= 180 THEN btrim(s)::numeric END;

-- Postcodes → dw.dim_zip_code (type 1). Runs before sellers, whose postcodes
-- the quality stage checks against them.
CREATE FUNCTION dw.transform_zip_codes(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_zip_codes;
    CREATE TEMP TABLE w_zip_codes ON COMMIT DROP AS
    SELECT s.source_line,
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
                               dw.try_int(s.points) AS points) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'zip_codes' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'zip_codes', 'pg_temp.w_zip_codes');
    PERFORM dw.flag_duplicates(p_run, 'zip_codes', 'pg_temp.w_zip_codes', ARRAY['zip_code']);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'zip_codes', 'pg_temp.w_zip_codes');
    PERFORM dw.upsert_facts(p_run, 'dw.dim_zip_code', 'SELECT * FROM w_zip_codes', ARRAY['zip_code']);
    DROP TABLE w_zip_codes;
    RETURN QUERY SELECT * FROM dw.step_count('zip_codes', n_read, n_bad);
END
$fn$;

-- Sellers → dw.dim_seller (type 1). A postcode the geolocation file does not
-- know is the quality stage's integrity finding, not a reason to drop the
-- seller (most exports come without geolocation).
CREATE FUNCTION dw.transform_sellers(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_sellers;
    CREATE TEMP TABLE w_sellers ON COMMIT DROP AS
    SELECT s.source_line,
           dw.nullif_blank(s.seller_id) AS seller_id,
           dw.nullif_blank(s.zip_code) AS zip_code,
           dw.nullif_blank(s.city) AS city,
           dw.nullif_blank(s.state) AS state,
           array_remove(ARRAY[dw.check_required('seller_id', s.seller_id)], NULL) AS problems
    FROM staging.sellers s
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'sellers' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'sellers', 'pg_temp.w_sellers');
    PERFORM dw.flag_duplicates(p_run, 'sellers', 'pg_temp.w_sellers', ARRAY['seller_id']);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'sellers', 'pg_temp.w_sellers');
    PERFORM dw.upsert_facts(p_run, 'dw.dim_seller', 'SELECT * FROM w_sellers', ARRAY['seller_id']);
    DROP TABLE w_sellers;
    RETURN QUERY SELECT * FROM dw.step_count('sellers', n_read, n_bad);
END
$fn$;

-- Fulfilment: the milestones of the run's orders and the seller, shipping
-- limit and freight of its lines, written onto the facts the order and line
-- steps just loaded (rows those steps quarantined are not in the facts and
-- are skipped here; they are counted there). The staged values passed the
-- validate stage's date and money rules; one that still does not parse is
-- left NULL only where the staged field is empty, otherwise the run fails
-- rather than drop it.
CREATE FUNCTION dw.transform_fulfilment(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    unparsed text;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_milestones;
    CREATE TEMP TABLE w_milestones ON COMMIT DROP AS
    SELECT s.source_line, f.order_id,
           dw.try_timestamp(s.approved_at) AS approved_ts,
           dw.try_timestamp(s.delivered_carrier_at) AS delivered_carrier_ts,
           dw.try_timestamp(s.delivered_customer_at) AS delivered_customer_ts,
           dw.try_timestamp(s.estimated_delivery_at) AS estimated_delivery_ts,
           ARRAY[s.approved_at, s.delivered_carrier_at, s.delivered_customer_at, s.estimated_delivery_at] AS raw
    FROM staging.orders s
    JOIN dw.fact_order f ON f.order_id = dw.nullif_blank(s.order_id)
    WHERE s.run_id = p_run
      AND coalesce(s.approved_at, s.delivered_carrier_at, s.delivered_customer_at, s.estimated_delivery_at) IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'orders' AND q.source_line = s.source_line);
    SELECT format('orders line %s: a milestone timestamp does not parse (%s)', w.source_line, array_to_string(w.raw, ', '))
    INTO unparsed
    FROM w_milestones w
    WHERE (dw.nullif_blank(w.raw[1]) IS NOT NULL AND w.approved_ts IS NULL)
       OR (dw.nullif_blank(w.raw[2]) IS NOT NULL AND w.delivered_carrier_ts IS NULL)
       OR (dw.nullif_blank(w.raw[3]) IS NOT NULL AND w.delivered_customer_ts IS NULL)
       OR (dw.nullif_blank(w.raw[4]) IS NOT NULL AND w.estimated_delivery_ts IS NULL)
    LIMIT 1;
    IF unparsed IS NOT NULL THEN
        RAISE EXCEPTION '%', unparsed;
    END IF;
    PERFORM dw.upsert_facts(p_run, 'dw.fact_order',
        'SELECT order_id, approved_ts, delivered_carrier_ts, delivered_customer_ts, estimated_delivery_ts FROM w_milestones',
        ARRAY['order_id']);
    DROP TABLE w_milestones;

    DROP TABLE IF EXISTS pg_temp.w_line_shipping;
    CREATE TEMP TABLE w_line_shipping ON COMMIT DROP AS
    SELECT s.source_line, f.order_id, f.line_no,
           dw.nullif_blank(s.seller_id) AS seller_id,
           dw.try_timestamp(s.shipping_limit_at) AS shipping_limit_ts,
           dw.try_money(s.freight_value) AS freight_value,
           s.shipping_limit_at, s.freight_value AS freight_raw
    FROM staging.order_lines s
    JOIN dw.fact_order_line f ON f.order_id = dw.nullif_blank(s.order_id) AND f.line_no = dw.try_int(s.line_no)
    WHERE s.run_id = p_run
      AND coalesce(s.seller_id, s.shipping_limit_at, s.freight_value) IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'order_lines' AND q.source_line = s.source_line);
    SELECT format('order_lines line %s: shipping limit "%s" or freight "%s" does not parse',
                  w.source_line, w.shipping_limit_at, w.freight_raw)
    INTO unparsed
    FROM w_line_shipping w
    WHERE (dw.nullif_blank(w.shipping_limit_at) IS NOT NULL AND w.shipping_limit_ts IS NULL)
       OR (dw.nullif_blank(w.freight_raw) IS NOT NULL AND w.freight_value IS NULL)
    LIMIT 1;
    IF unparsed IS NOT NULL THEN
        RAISE EXCEPTION '%', unparsed;
    END IF;
    PERFORM dw.upsert_facts(p_run, 'dw.fact_order_line',
        'SELECT order_id, line_no, seller_id, shipping_limit_ts, freight_value FROM w_line_shipping',
        ARRAY['order_id', 'line_no']);
    DROP TABLE w_line_shipping;
END
$fn$;

-- Reviews → dw.fact_review. The order resolves in dw.fact_order (this run's
-- or an earlier one's); an unknown order quarantines the review.
CREATE FUNCTION dw.transform_reviews(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_reviews;
    CREATE TEMP TABLE w_reviews ON COMMIT DROP AS
    SELECT s.source_line,
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
                               dw.try_timestamp(s.answered_at) AS answered_ts) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'reviews' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'reviews', 'pg_temp.w_reviews');
    PERFORM dw.flag_duplicates(p_run, 'reviews', 'pg_temp.w_reviews', ARRAY['review_id', 'order_id']);
    ANALYZE w_reviews;
    UPDATE w_reviews w
    SET problems = w.problems || dw.problem('transform.reference',
            format('review %s references unknown order %s', w.review_id, w.order_id))
    WHERE NOT EXISTS (SELECT 1 FROM dw.fact_order o WHERE o.order_id = w.order_id);
    n_bad := n_bad + dw.quarantine_problems(p_run, 'reviews', 'pg_temp.w_reviews');
    PERFORM dw.upsert_facts(p_run, 'dw.fact_review', 'SELECT * FROM w_reviews', ARRAY['review_id', 'order_id']);
    DROP TABLE w_reviews;
    RETURN QUERY SELECT * FROM dw.step_count('reviews', n_read, n_bad);
END
$fn$;

-- Sellers as an analyst compares them: what they sold in revenue orders,
-- how fast their orders reached the customer against the promised date, and
-- what customers said. A plain view over the refreshed order_summary, so it
-- is always as fresh as the marts.
CREATE VIEW mart.seller_performance AS
WITH seller_lines AS (
    SELECT l.seller_id, l.order_id, l.quantity, l.line_total, l.freight_value
    FROM dw.fact_order_line l
    JOIN mart.order_summary o ON o.order_id = l.order_id AND o.is_revenue
    WHERE l.seller_id IS NOT NULL
), seller_orders AS (
    SELECT DISTINCT sl.seller_id, sl.order_id FROM seller_lines sl
), delivery AS (
    SELECT so.seller_id,
           count(*) FILTER (WHERE f.delivered_customer_ts IS NOT NULL) AS delivered_orders,
           count(*) FILTER (WHERE f.delivered_customer_ts > f.estimated_delivery_ts) AS late_orders,
           avg(extract(epoch FROM f.delivered_customer_ts - f.order_ts) / 86400.0) AS days_to_deliver
    FROM seller_orders so
    JOIN dw.fact_order f ON f.order_id = so.order_id
    GROUP BY so.seller_id
), reviews AS (
    SELECT so.seller_id, count(r.*) AS reviews, avg(r.score) AS review_score
    FROM seller_orders so
    JOIN dw.fact_review r ON r.order_id = so.order_id
    GROUP BY so.seller_id
)
SELECT sl.seller_id, s.city, s.state,
       count(DISTINCT sl.order_id) AS orders,
       sum(sl.quantity)::bigint AS items,
       sum(sl.line_total) AS revenue,
       sum(sl.freight_value) AS freight,
       d.delivered_orders,
       d.late_orders,
       round(d.late_orders::numeric / nullif(d.delivered_orders, 0), 4) AS late_share,
       round(d.days_to_deliver::numeric, 1) AS days_to_deliver,
       coalesce(rv.reviews, 0) AS reviews,
       round(rv.review_score, 2) AS review_score
FROM seller_lines sl
LEFT JOIN dw.dim_seller s ON s.seller_id = sl.seller_id
LEFT JOIN delivery d ON d.seller_id = sl.seller_id
LEFT JOIN reviews rv ON rv.seller_id = sl.seller_id
GROUP BY sl.seller_id, s.city, s.state, d.delivered_orders, d.late_orders, d.days_to_deliver, rv.reviews, rv.review_score;
COMMENT ON VIEW mart.seller_performance IS
    'Per seller: revenue orders, items, revenue, freight, deliveries late against the estimate, review score.';
