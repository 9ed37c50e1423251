-- Fulfilment: the milestones of the run's orders and the seller, shipping
-- limit and freight of its lines, written onto the facts the order and line
-- steps just loaded (rows those steps quarantined are not in the facts and
-- are skipped here; they are counted there). The staged values passed the
-- validate stage's date and money rules; one that still does not parse is
-- left NULL only where the staged field is empty, otherwise the run fails
-- rather than drop it.
CREATE OR REPLACE FUNCTION dw.transform_fulfilment(p_run bigint) RETURNS SETOF dw.transform_count
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
