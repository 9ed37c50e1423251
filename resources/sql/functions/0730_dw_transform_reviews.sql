-- Reviews → dw.fact_review. The order resolves in dw.fact_order (this run's
-- or an earlier one's); an unknown order quarantines the review.
CREATE OR REPLACE FUNCTION dw.transform_reviews(p_run bigint) RETURNS SETOF dw.transform_count
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
