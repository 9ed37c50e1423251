-- What real sources carry beyond the synthetic shop (staging/Catalog.cpp lists
-- the same columns). Like every landing column they are text, exactly as the
-- source adapter wrote them; all are optional, so the synthetic generator's
-- files stay valid without them.

-- Olist: the customer's state and postcode prefix.
ALTER TABLE staging.customers
    ADD COLUMN state text,
    ADD COLUMN zip_code text;

-- Olist: the order's life after purchase.
ALTER TABLE staging.orders
    ADD COLUMN approved_at text,
    ADD COLUMN delivered_carrier_at text,
    ADD COLUMN delivered_customer_at text,
    ADD COLUMN estimated_delivery_at text;

-- Olist: who sold the item, by when it had to ship, its freight;
-- transaction log: the description as written on the line.
ALTER TABLE staging.order_lines
    ADD COLUMN seller_id text,
    ADD COLUMN shipping_limit_at text,
    ADD COLUMN freight_value text,
    ADD COLUMN description text;

-- Olist: the payment's position within the order and its instalments.
ALTER TABLE staging.payments
    ADD COLUMN sequence_no text,
    ADD COLUMN installments text;

CREATE TABLE staging.sellers (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    seller_id text, zip_code text, city text, state text
) PARTITION BY LIST (run_id);

-- One row per (review, order): Olist reuses a review id across the orders it covers.
CREATE TABLE staging.reviews (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    review_id text, order_id text, score text, comment_title text, comment_message text,
    created_at text, answered_at text
) PARTITION BY LIST (run_id);

-- Olist geolocation, one row per postcode prefix (the mean of its points).
CREATE TABLE staging.zip_codes (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    zip_code text, city text, state text, latitude text, longitude text, points text
) PARTITION BY LIST (run_id);
