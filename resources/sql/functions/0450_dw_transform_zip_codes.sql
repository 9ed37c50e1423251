-- Postcodes → dw.dim_zip_code (type 1). Runs before sellers, whose postcodes
-- the quality stage checks against them.
CREATE OR REPLACE FUNCTION dw.transform_zip_codes(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE sql AS $fn$ SELECT * FROM dw.type1_step(p_run, 'zip_codes', 'dw.dim_zip_code', ARRAY['zip_code']) $fn$;
