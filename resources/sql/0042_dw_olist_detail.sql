-- What real sources stage beyond the synthetic shop (0040) reaches the
-- warehouse: sellers, postcodes (Olist geolocation), reviews, the order's
-- fulfilment milestones and, per line, its seller, shipping limit and freight.
-- Every step follows the rules of 0013 (work table, quarantine with reasons,
-- read = loaded + quarantined, only changed rows written, so a re-run writes
-- nothing). The synthetic and transaction-log sources stage none of this;
-- their runs read zero rows here and report nothing.

-- Sellers: type 1 (a moved seller's address overwrites).
CREATE TABLE dw.dim_seller (
    seller_id      text   PRIMARY KEY,
    zip_code       text,
    city           text,
    state          text,
    created_run_id bigint NOT NULL,
    updated_run_id bigint NOT NULL
);
COMMENT ON TABLE dw.dim_seller IS 'Marketplace sellers (Olist), type 1.';

-- Postcode prefixes with their place and the mean of their geolocation
-- points: type 1, where maps and geography marts find coordinates.
CREATE TABLE dw.dim_zip_code (
    zip_code       text    PRIMARY KEY,
    city           text,
    state          text,
    latitude       numeric,
    longitude      numeric,
    points         integer,
    created_run_id bigint  NOT NULL,
    updated_run_id bigint  NOT NULL
);
COMMENT ON TABLE dw.dim_zip_code IS 'Postcode prefixes with place and mean coordinates (Olist geolocation), type 1.';

-- Reviews, one row per (review, order): Olist reuses a review id across the
-- orders it covers. Not partitioned: there is at most about one per order,
-- and the order (through order_id) carries the date analysts slice by.
CREATE TABLE dw.fact_review (
    review_id       text      NOT NULL,
    order_id        text      NOT NULL,
    score           smallint  NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment_title   text,
    comment_message text,                   -- as written: newlines and quotes kept
    created_ts      timestamp,
    answered_ts     timestamp,
    created_run_id  bigint    NOT NULL,
    updated_run_id  bigint    NOT NULL,
    PRIMARY KEY (review_id, order_id)
);
CREATE INDEX fact_review_order_idx ON dw.fact_review (order_id);
COMMENT ON TABLE dw.fact_review IS 'Customer reviews of orders (Olist), one row per review and order.';

-- The order's life after purchase (an accumulating snapshot on the header)
-- and the line's seller and freight. NULL where the source has no such data.
ALTER TABLE dw.fact_order
    ADD COLUMN approved_ts           timestamp,
    ADD COLUMN delivered_carrier_ts  timestamp,
    ADD COLUMN delivered_customer_ts timestamp,
    ADD COLUMN estimated_delivery_ts timestamp;
ALTER TABLE dw.fact_order_line
    ADD COLUMN seller_id         text,
    ADD COLUMN shipping_limit_ts timestamp,
    ADD COLUMN freight_value     numeric(14,4);
