-- The dimensions of the star schema. Business keys are text (synthetic ids,
-- Olist hashes and transaction-log codes all fit); surrogate keys are
-- identity columns that are never renumbered: a re-run of the same snapshot
-- inserts nothing, so every key stays what it was.
-- created_run_id / updated_run_id: the run that created a row and the last
-- run that changed it (a run that changes nothing leaves them alone, which
-- keeps re-runs byte-for-byte idempotent).

-- Calendar: one row per day, gap-free, covering every date the facts hold.
CREATE TABLE dw.dim_date (
    date_key      integer  PRIMARY KEY,             -- YYYYMMDD
    day           date     NOT NULL UNIQUE,
    year          smallint NOT NULL,
    quarter       smallint NOT NULL,
    month         smallint NOT NULL,
    month_name    text     NOT NULL,
    year_month    text     NOT NULL,                -- 'YYYY-MM'
    month_start   date     NOT NULL,
    iso_year      smallint NOT NULL,
    iso_week      smallint NOT NULL,
    day_of_month  smallint NOT NULL,
    day_of_week   smallint NOT NULL,                -- ISO: 1 = Monday … 7 = Sunday
    weekday_name  text     NOT NULL,
    is_weekend    boolean  NOT NULL
);
COMMENT ON TABLE dw.dim_date IS 'Calendar, one row per day, gap-free over the dates the facts hold.';

-- Countries: SCD type 0. A country, once loaded, is never changed; a later
-- load that says something else about it is recorded in
-- dw.dim_country_conflict and not applied.
CREATE TABLE dw.dim_country (
    country_code   text   PRIMARY KEY,
    country_name   text,
    region         text,
    created_run_id bigint NOT NULL
);
COMMENT ON TABLE dw.dim_country IS 'Countries, SCD type 0: never changed once loaded; conflicts go to dim_country_conflict.';

CREATE TABLE dw.dim_country_conflict (
    country_code   text   NOT NULL REFERENCES dw.dim_country (country_code),
    attribute      text   NOT NULL CHECK (attribute IN ('country_name', 'region')),
    kept_value     text,
    incoming_value text,
    first_run_id   bigint NOT NULL,    -- the run that first brought the conflicting value
    source_line    bigint NOT NULL,    -- its line in that run's countries file
    CONSTRAINT dim_country_conflict_once UNIQUE NULLS NOT DISTINCT (country_code, attribute, incoming_value)
);
COMMENT ON TABLE dw.dim_country_conflict IS
    'Values a later load brought for a country that differ from the loaded ones (recorded once, never applied).';

-- Categories: type 1 (a changed name overwrites). Products carry the
-- category of each of their versions, so history stays with the product.
CREATE TABLE dw.dim_category (
    category_id        text   PRIMARY KEY,
    category_name      text,
    parent_category_id text,
    created_run_id     bigint NOT NULL,
    updated_run_id     bigint NOT NULL
);
COMMENT ON TABLE dw.dim_category IS 'Product categories, type 1 (names overwrite).';

-- Customers: SCD type 2 on segment, country and city (and state, which only
-- some sources have). Versions come from two places: the source's segment
-- history (valid_from as given; change_kind 'segment') and changes of
-- country/city found when a run's customer row differs from the current
-- version (valid_from = the run's effective time; change_kind 'address').
-- A customer with neither gets one version from its signup date
-- (change_kind 'first'). email, names, phone and signup date are type 1:
-- corrected in place on every version.
CREATE TABLE dw.dim_customer (
    customer_sk    bigint    GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id    text      NOT NULL,
    valid_from     timestamp NOT NULL,
    valid_to       timestamp,                     -- the next version's valid_from; NULL while current
    is_current     boolean   NOT NULL DEFAULT true,
    change_kind    text      NOT NULL CHECK (change_kind IN ('segment', 'address', 'first')),
    segment        text,
    country_code   text      REFERENCES dw.dim_country (country_code),
    state          text,
    city           text,
    email          text,
    first_name     text,
    last_name      text,
    phone          text,
    signup_date    date,
    created_run_id bigint    NOT NULL,
    updated_run_id bigint    NOT NULL,
    UNIQUE (customer_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from),
    CHECK (is_current = (valid_to IS NULL)),
    -- Checked at commit: a run inserts a new version before it closes the old one.
    CONSTRAINT dim_customer_one_current EXCLUDE (customer_id WITH =) WHERE (is_current) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE dw.dim_customer IS
    'Customers, SCD type 2 on segment and address (country, state, city); one row per version, surrogate key customer_sk.';

-- Products: SCD type 2 on price and category. Each point of the source's
-- price history (product_prices: product, valid_from, unit_price) is a
-- version of its own (change_kind 'price'); a category change found by a run
-- opens a version at the run's effective time (change_kind 'attributes'); a
-- product with no price history gets one version (change_kind 'first',
-- unit_price NULL until a price arrives). product_name is type 1.
CREATE TABLE dw.dim_product (
    product_sk     bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id     text          NOT NULL,
    valid_from     timestamp     NOT NULL,
    valid_to       timestamp,
    is_current     boolean       NOT NULL DEFAULT true,
    change_kind    text          NOT NULL CHECK (change_kind IN ('price', 'attributes', 'first')),
    unit_price     numeric(14,4),                -- the list price in effect from valid_from
    category_id    text          REFERENCES dw.dim_category (category_id),
    product_name   text,
    created_at     timestamp,                    -- when the source says the product was created
    created_run_id bigint        NOT NULL,
    updated_run_id bigint        NOT NULL,
    UNIQUE (product_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from),
    CHECK (is_current = (valid_to IS NULL)),
    CONSTRAINT dim_product_one_current EXCLUDE (product_id WITH =) WHERE (is_current) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE dw.dim_product IS
    'Products, SCD type 2 on price and category; one row per version, surrogate key product_sk.';
