CREATE OR REPLACE FUNCTION dw.unknown_customer_sk() RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN 0;
COMMENT ON FUNCTION dw.unknown_customer_sk() IS
    'The surrogate key of the "Unknown customer" member: the customer of every guest checkout.';
