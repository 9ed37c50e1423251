-- Sellers → dw.dim_seller (type 1). A postcode the geolocation file does not
-- know is the quality stage's integrity finding, not a reason to drop the
-- seller (most exports come without geolocation).
CREATE OR REPLACE FUNCTION dw.transform_sellers(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE sql AS $fn$ SELECT * FROM dw.type1_step(p_run, 'sellers', 'dw.dim_seller', ARRAY['seller_id']) $fn$;
