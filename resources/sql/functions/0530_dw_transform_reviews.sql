-- Reviews → dw.fact_review. The order resolves in dw.fact_order (this run's
-- or an earlier one's); an unknown order quarantines the review.
CREATE OR REPLACE FUNCTION dw.transform_reviews(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    counts dw.transform_count;
BEGIN
    counts := dw.open_step(p_run, 'reviews', 'w_reviews');
    PERFORM dw.flag_duplicates(p_run, 'reviews', 'pg_temp.w_reviews', ARRAY['review_id', 'order_id']);
    ANALYZE w_reviews;
    UPDATE w_reviews w
    SET problems = w.problems || dw.problem('transform.reference',
            format('review %s references unknown order %s', w.review_id, w.order_id))
    WHERE NOT EXISTS (SELECT 1 FROM dw.fact_order o WHERE o.order_id = w.order_id);
    counts := dw.quarantine_step(p_run, counts, 'w_reviews');
    PERFORM dw.upsert_facts(p_run, 'dw.fact_review', 'SELECT * FROM w_reviews', ARRAY['review_id', 'order_id']);
    DROP TABLE w_reviews;
    RETURN QUERY SELECT * FROM dw.step_count(counts.table_name, counts.rows_read, counts.rows_quarantined);
END
$fn$;
