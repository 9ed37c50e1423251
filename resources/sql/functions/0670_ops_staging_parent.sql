-- The partitioned staging table p_table, or an error.
CREATE OR REPLACE FUNCTION ops.staging_parent(p_table text) RETURNS regclass
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_oid oid;
BEGIN
    SELECT c.oid INTO v_oid
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'staging' AND c.relname = p_table AND c.relkind = 'p';
    IF v_oid IS NULL THEN
        RAISE EXCEPTION '"%" is not a staging table', p_table USING ERRCODE = '42P01';
    END IF;
    RETURN v_oid::regclass;
END
$fn$;
