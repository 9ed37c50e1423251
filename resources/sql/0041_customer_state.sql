-- The customer's state (Olist: SP, RJ, …; 0040 stages it) reaches
-- dw.dim_customer.state, where the marts already read it (revenue by state,
-- order_summary.state). dw.dim_customer has the column and versions on it;
-- only the read from staging was missing, because 0013 was written before
-- staging had the column. The function is changed in exactly that one
-- expression, so everything else about it stays as the warehouse defines it;
-- if its text no longer holds the expression, this migration fails loudly
-- rather than guess.
DO $migration$
DECLARE
    definition text := pg_get_functiondef('dw.transform_customers(bigint)'::regprocedure);
    placeholder constant text := 'NULL::text AS state,';
BEGIN
    IF position(placeholder IN definition) = 0 THEN
        RAISE EXCEPTION 'dw.transform_customers no longer reads state as "%"; update 0041', placeholder;
    END IF;
    EXECUTE replace(definition, placeholder, 'dw.nullif_blank(s.state) AS state,');
END
$migration$;
