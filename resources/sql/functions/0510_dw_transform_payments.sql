-- Payments → dw.fact_payment (partitioned by their order's date).
CREATE OR REPLACE FUNCTION dw.transform_payments(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE sql
    AS $fn$ SELECT * FROM dw.order_child_step(p_run, 'payments', 'payment', 'payment_id', 'dw.fact_payment') $fn$;
