-- Payments → dw.fact_payment (partitioned by their order's date).
CREATE OR REPLACE FUNCTION dw.transform_payments(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    n_read bigint;
    n_bad bigint := 0;
BEGIN
    DROP TABLE IF EXISTS pg_temp.w_payments;
    CREATE TEMP TABLE w_payments ON COMMIT DROP AS
    SELECT s.source_line,
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
    CROSS JOIN LATERAL (SELECT dw.try_timestamp(s.paid_ts) AS paid_ts, dw.try_money(s.amount) AS amount) t
    WHERE s.run_id = p_run
      AND NOT EXISTS (SELECT 1 FROM quarantine.rejected_row q
                      WHERE q.run_id = p_run AND q.table_name = 'payments' AND q.source_line = s.source_line);
    GET DIAGNOSTICS n_read = ROW_COUNT;
    n_bad := n_bad + dw.quarantine_problems(p_run, 'payments', 'pg_temp.w_payments');
    n_bad := n_bad + dw.load_order_children(p_run, 'payments', 'pg_temp.w_payments', 'payment', 'payment_id',
                                            'dw.fact_payment');
    DROP TABLE w_payments;
    RETURN QUERY SELECT 'payments'::text, n_read, n_read - n_bad, n_bad;
END
$fn$;
