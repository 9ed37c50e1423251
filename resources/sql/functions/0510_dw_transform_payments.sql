-- Payments → dw.fact_payment (partitioned by their order's date).
CREATE OR REPLACE FUNCTION dw.transform_payments(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    counts dw.transform_count;
BEGIN
    counts := dw.open_step(p_run, 'payments', 'w_payments');
    counts := dw.add_rejects(counts, dw.load_order_children(p_run, 'payments', 'pg_temp.w_payments', 'payment',
                                                            'payment_id', 'dw.fact_payment'));
    DROP TABLE w_payments;
    RETURN NEXT counts;
END
$fn$;
