-- staging.events as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
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
