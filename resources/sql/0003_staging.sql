-- Landing tables: every column is text, exactly as the source wrote it, so a
-- COPY never fails on data; the validate stage types and checks each row, and
-- the transform stage casts only rows that passed. Each run lands in its own
-- partition (LIST on run_id), created by the engine at load time and dropped
-- when the run fails or is cancelled: staging is per run.
-- source_line is the 1-based physical line of the record in its snapshot file.

CREATE TABLE staging.categories (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    category_id text, category_name text, parent_category_id text
) PARTITION BY LIST (run_id);

CREATE TABLE staging.countries (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    country_code text, country_name text, region text
) PARTITION BY LIST (run_id);

CREATE TABLE staging.products (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    product_id text, product_name text, category_id text, created_at text
) PARTITION BY LIST (run_id);

CREATE TABLE staging.product_prices (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    product_id text, valid_from text, unit_price text
) PARTITION BY LIST (run_id);

CREATE TABLE staging.customers (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    customer_id text, email text, first_name text, last_name text, phone text,
    country_code text, city text, signup_date text
) PARTITION BY LIST (run_id);

CREATE TABLE staging.customer_segments (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    customer_id text, valid_from text, segment text
) PARTITION BY LIST (run_id);

CREATE TABLE staging.orders (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    order_id text, customer_id text, order_ts text, channel text, status text,
    payment_method text, country_code text, items_subtotal text, discount_total text,
    shipping_fee text, order_total text
) PARTITION BY LIST (run_id);

CREATE TABLE staging.order_lines (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    order_id text, line_no text, product_id text, quantity text,
    unit_price text, discount text, line_total text
) PARTITION BY LIST (run_id);

CREATE TABLE staging.payments (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    payment_id text, order_id text, paid_ts text, method text, amount text
) PARTITION BY LIST (run_id);

CREATE TABLE staging.invoices (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    invoice_id text, order_id text, invoice_ts text, amount text
) PARTITION BY LIST (run_id);

CREATE TABLE staging.events (
    run_id bigint NOT NULL, source_line bigint NOT NULL,
    event_id text, session_id text, customer_id text, event_ts text,
    event_type text, product_id text
) PARTITION BY LIST (run_id);

-- Rejected rows, whichever stage rejected them. raw_record is the record as it
-- stood in the file (for a malformed record, the bytes that could be read).
CREATE TABLE quarantine.rejected_row (
    run_id      bigint      NOT NULL REFERENCES ops.pipeline_run (run_id) ON DELETE CASCADE,
    table_name  text        NOT NULL,
    source_line bigint      NOT NULL,
    stage       text        NOT NULL,     -- load (row rules), validate (set rules), transform (split-stream)
    raw_record  text        NOT NULL,
    reasons     text[]      NOT NULL CHECK (cardinality(reasons) > 0),
    rule_ids    text[]      NOT NULL DEFAULT '{}',
    rejected_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, table_name, source_line)
);
COMMENT ON TABLE quarantine.rejected_row IS
    'Every row a run did not load, with the record as read and every reason; read = loaded + quarantined.';
