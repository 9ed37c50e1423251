-- staging.reviews as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
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
