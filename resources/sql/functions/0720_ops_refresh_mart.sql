-- REFRESH of one materialized view of mart.
CREATE OR REPLACE FUNCTION ops.refresh_mart(p_mart text, p_concurrently boolean) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'mart' AND c.relname = p_mart AND c.relkind = 'm') THEN
        RAISE EXCEPTION '"%" is not a materialized view of mart', p_mart USING ERRCODE = '42P01';
    END IF;
    EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW %s mart.%I',
                              CASE WHEN p_concurrently THEN 'CONCURRENTLY' ELSE '' END, p_mart);
END
$fn$;
