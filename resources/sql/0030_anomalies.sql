-- Anomalies of order quantity (DESIGN.md, "Anomalies"): per-product
-- baselines and the flags they raise, computed set-based inside PostgreSQL.
-- The engine (pipeline/anomalies/Detection.cpp) calls ops.refresh_anomaly_baselines
-- and ops.flag_anomalies (in functions/) inside the run's publish transaction;
-- the triage workflow is ops.triage_anomaly (functions/), the roles are in
-- 0032_anomaly_roles.sql and the grants in ops.grant_ecomops_privileges().
--
-- Which lines count: positive quantities on orders whose status is not one
-- of the excluded ones (cancellations and returns are not anomalies of
-- quantity, default Cancelled and Refunded). Lines whose flag a steward
-- confirmed (RESOLVED) are left out of baselines, so one fraud does not
-- widen the band for the next; FALSE_POSITIVE lines are ordinary data.

-- The baseline of each product, as last computed (every run, or on demand).
CREATE TABLE ops.anomaly_baseline (
    product_id       text             PRIMARY KEY,
    method           text             NOT NULL CHECK (method IN ('stddev', 'mad')),
    k                double precision NOT NULL CHECK (k > 0),
    min_history      integer          NOT NULL CHECK (min_history >= 2),
    min_sigma        double precision NOT NULL CHECK (min_sigma >= 0),
    excluded_statuses text[]          NOT NULL,   -- order statuses whose lines did not count, lower case
    lines            bigint           NOT NULL,   -- lines in the baseline
    resolved_lines   bigint           NOT NULL,   -- lines left out because their flag is RESOLVED
    median           double precision NOT NULL,
    mean             double precision NOT NULL,
    stddev           double precision NOT NULL,   -- sample standard deviation (0 for one line)
    mad              double precision,            -- median absolute deviation (method mad only)
    sigma            double precision NOT NULL,   -- the spread the method uses: stddev, or 1.4826·MAD
    threshold        double precision NOT NULL,   -- median + k·max(sigma, min_sigma)
    enough_history   boolean          NOT NULL,   -- lines >= min_history: flags are raised
    computed_at      timestamptz      NOT NULL DEFAULT now(),
    computed_run_id  bigint           REFERENCES ops.pipeline_run (run_id) ON DELETE SET NULL
);
COMMENT ON TABLE ops.anomaly_baseline IS
    'Per product: the quantity baseline (median, spread, threshold) of its non-cancelled lines, RESOLVED lines excluded.';

CREATE TABLE ops.anomaly_flag (
    flag_id            bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The fact row (dw.fact_order_line's business key) and what it said.
    order_id           text             NOT NULL,
    line_no            integer          NOT NULL,
    order_date         date             NOT NULL,
    order_ts           timestamp        NOT NULL,
    product_id         text             NOT NULL,
    product_sk         bigint,
    customer_sk        bigint,
    quantity           integer          NOT NULL,
    -- The baseline that raised it.
    baseline_median    double precision NOT NULL,
    baseline_sigma     double precision NOT NULL,
    threshold          double precision NOT NULL,
    z_score            double precision NOT NULL,  -- (quantity − median) / max(sigma, min_sigma)
    method             text             NOT NULL CHECK (method IN ('stddev', 'mad')),
    k                  double precision NOT NULL,
    min_history        integer          NOT NULL,
    min_sigma          double precision NOT NULL,
    baseline_lines     bigint           NOT NULL,
    run_id             bigint           REFERENCES ops.pipeline_run (run_id),
    detected_at        timestamptz      NOT NULL DEFAULT now(),
    -- Triage: changed only by ops.triage_anomaly.
    status             text             NOT NULL DEFAULT 'NEW'
                       CHECK (status IN ('NEW', 'REVIEWED', 'RESOLVED', 'FALSE_POSITIVE')),
    version            integer          NOT NULL DEFAULT 1 CHECK (version >= 1),
    status_changed_at  timestamptz,
    status_changed_by  text,             -- database role
    status_changed_user text,            -- console user name
    CONSTRAINT anomaly_flag_one_per_line UNIQUE (order_id, line_no)
);
CREATE INDEX anomaly_flag_status_idx ON ops.anomaly_flag (status, flag_id);
CREATE INDEX anomaly_flag_product_idx ON ops.anomaly_flag (product_id, order_date);
CREATE INDEX anomaly_flag_date_idx ON ops.anomaly_flag (order_date, flag_id);
CREATE INDEX anomaly_flag_z_idx ON ops.anomaly_flag (z_score, flag_id);
CREATE INDEX anomaly_flag_run_idx ON ops.anomaly_flag (run_id);
COMMENT ON TABLE ops.anomaly_flag IS
    'One flag per order line whose quantity exceeded its product baseline; never duplicated, triage status kept across runs.';

CREATE TABLE ops.anomaly_event (
    event_id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    flag_id       bigint      NOT NULL REFERENCES ops.anomaly_flag (flag_id),
    at            timestamptz NOT NULL DEFAULT now(),
    db_role       text        NOT NULL,   -- the role in effect (after SET ROLE)
    session_role  text        NOT NULL,   -- the role that logged in
    console_user  text        NOT NULL,
    from_status   text        NOT NULL,
    to_status     text        NOT NULL,
    note          text,                   -- exactly as typed
    is_reopen     boolean     NOT NULL,
    version       integer     NOT NULL    -- the flag's version after the change
);
CREATE INDEX anomaly_event_flag_idx ON ops.anomaly_event (flag_id, event_id);
COMMENT ON TABLE ops.anomaly_event IS 'The audit trail of triage: every status change of a flag, who, when, from, to, note.';
