-- Facts, partitioned by RANGE on the order (or event) date, one partition per
-- month, created by dw.ensure_month_partitions as data arrives (inside the
-- run's transaction). There is no DEFAULT partition: every insert path
-- creates its months first, so a row for a month without a partition is a
-- bug that fails the run loudly instead of parking rows where pruning
-- cannot skip them.
--
-- Business keys identify fact rows ((order_id, line_no), order_id,
-- payment_id, ...). A partitioned table's unique constraints must include the
-- partition key, so the primary keys below add it; the transform keeps the
-- business key unique on its own (it MERGEs on the business key alone, and an
-- order that moves to another month moves its rows).
-- Money is numeric(14,4): exact, at the pipeline's Decimal scale, so nothing a
-- source may carry (transaction-log prices such as 0.425) is rounded away.

CREATE TABLE dw.fact_order (
    order_id        text          NOT NULL,
    order_date      date          NOT NULL,     -- partition key: order_ts::date
    order_ts        timestamp     NOT NULL,
    customer_id     text          NOT NULL,
    customer_sk     bigint        NOT NULL,     -- the customer version in effect at order_ts
    country_code    text,                       -- where the order ships, as the source says
    channel         text,
    status          text,
    payment_method  text,
    items_subtotal  numeric(14,4),
    discount_total  numeric(14,4),
    shipping_fee    numeric(14,4),
    order_total     numeric(14,4),
    created_run_id  bigint        NOT NULL,
    updated_run_id  bigint        NOT NULL,
    PRIMARY KEY (order_id, order_date)
) PARTITION BY RANGE (order_date);
CREATE INDEX fact_order_customer_idx ON dw.fact_order (customer_id);
COMMENT ON TABLE dw.fact_order IS 'Orders (header grain), partitioned by month of order_date.';

CREATE TABLE dw.fact_order_line (
    order_id        text          NOT NULL,
    line_no         integer       NOT NULL,
    order_date      date          NOT NULL,     -- partition key, from the order
    order_ts        timestamp     NOT NULL,
    customer_sk     bigint        NOT NULL,     -- from the order: the customer version at order_ts
    product_id      text          NOT NULL,
    product_sk      bigint        NOT NULL,     -- the product version in effect at order_ts (as-of join)
    country_code    text,
    channel         text,
    status          text,
    quantity        integer       NOT NULL,
    unit_price      numeric(14,4) NOT NULL,
    discount        numeric(14,4) NOT NULL,     -- an empty source discount is 0
    line_total      numeric(14,4) NOT NULL,
    price_source    text          NOT NULL CHECK (price_source IN ('source', 'as_of')),
    created_run_id  bigint        NOT NULL,
    updated_run_id  bigint        NOT NULL,
    PRIMARY KEY (order_id, line_no, order_date)
) PARTITION BY RANGE (order_date);
CREATE INDEX fact_order_line_product_idx ON dw.fact_order_line (product_id, order_date);
COMMENT ON TABLE dw.fact_order_line IS
    'Order lines, each pointing at the product version in effect when it was bought; partitioned by month of order_date.';

CREATE TABLE dw.fact_payment (
    payment_id      text          NOT NULL,
    order_id        text          NOT NULL,
    order_date      date          NOT NULL,     -- partition key, from the order
    customer_sk     bigint        NOT NULL,
    paid_ts         timestamp,
    method          text,
    amount          numeric(14,4),
    created_run_id  bigint        NOT NULL,
    updated_run_id  bigint        NOT NULL,
    PRIMARY KEY (payment_id, order_date)
) PARTITION BY RANGE (order_date);
CREATE INDEX fact_payment_order_idx ON dw.fact_payment (order_id);
COMMENT ON TABLE dw.fact_payment IS 'Payments, partitioned by month of their order''s date.';

CREATE TABLE dw.fact_invoice (
    invoice_id      text          NOT NULL,
    order_id        text          NOT NULL,
    order_date      date          NOT NULL,     -- partition key, from the order
    invoice_ts      timestamp,
    amount          numeric(14,4),
    created_run_id  bigint        NOT NULL,
    updated_run_id  bigint        NOT NULL,
    PRIMARY KEY (invoice_id, order_date)
) PARTITION BY RANGE (order_date);
CREATE INDEX fact_invoice_order_idx ON dw.fact_invoice (order_id);
COMMENT ON TABLE dw.fact_invoice IS 'Invoices, partitioned by month of their order''s date.';

CREATE TABLE dw.fact_event (
    event_id        text          NOT NULL,
    event_date      date          NOT NULL,     -- partition key: event_ts::date
    event_ts        timestamp     NOT NULL,
    session_id      text,
    customer_id     text,                       -- NULL for anonymous sessions
    event_type      text,
    product_id      text,
    created_run_id  bigint        NOT NULL,
    updated_run_id  bigint        NOT NULL,
    PRIMARY KEY (event_id, event_date)
) PARTITION BY RANGE (event_date);
COMMENT ON TABLE dw.fact_event IS 'Clickstream events, partitioned by month of event_date.';
