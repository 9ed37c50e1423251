-- The transform stage: staged rows of one run → dimensions and facts.
--
-- Each dw.transform_<area>(run_id) is one step the engine calls (progress and
-- cancel between steps), in this order: countries, categories, products
-- (with product_prices), customers (with customer_segments), orders,
-- order_lines, payments, invoices, events. Each step:
--   1. reads the run's staged rows that no earlier stage quarantined into a
--      temporary work table, casting every field defensively (dw.try_*);
--   2. quarantines rows whose needed fields are empty or do not parse;
--   3. quarantines later copies of a business key ("duplicate of line N");
--   4. quarantines rows whose references resolve neither in this run nor in
--      what the warehouse already holds ("order 7 references unknown
--      customer 99");
--   5. applies the rest (SCD rules for dimensions, dw.upsert_facts by
--      business key for facts), writing only rows whose values change, so
--      the same snapshot loaded twice leaves every dw table as it was;
--   6. returns, per staged table, read = loaded + quarantined.
-- Work tables are temporary (ON COMMIT DROP) and dropped when a step ends.
-- New dimension versions are first collected in a work table and inserted
-- from there: a statement that reads a dimension while inserting into it can
-- rescan its own fresh pages row after row when the planner believes the
-- dimension empty (its state before a first load), which is quadratic.

-- The span of time each dimension version answers for in an as-of join:
-- [valid_from, valid_to), except that a member's first version also answers
-- for anything older (an order placed before the first known version gets
-- that version; for products, its price is then not used: see
-- transform_order_lines). Versions are contiguous, so an instant falls in
-- exactly one span, and the join is a plain hash join with a range filter.
CREATE OR REPLACE VIEW dw.product_version_span AS
SELECT product_sk, product_id, unit_price, valid_from,
       CASE WHEN valid_from = min(valid_from) OVER (PARTITION BY product_id) THEN '-infinity'::timestamp
            ELSE valid_from END AS span_from,
       coalesce(valid_to, 'infinity'::timestamp) AS span_to
FROM dw.dim_product;
