-- Anomalies of order quantity (DESIGN.md, "Anomalies"): per-product
-- baselines and the flags they raise, computed set-based inside PostgreSQL.
-- The engine (pipeline/anomalies/Detection.cpp) calls the two functions below
-- inside the run's publish transaction; the triage workflow is in
-- 0031_anomaly_triage.sql, the roles and grants in 0032_anomaly_roles.sql.
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

-- The order lines anomaly detection looks at. p_excluded_lower holds the
-- excluded statuses in lower case (callers lower them once, so this stays a
-- plain expression the planner inlines).
CREATE FUNCTION ops.anomaly_line_counts(p_status text, p_quantity integer, p_excluded_lower text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN p_quantity > 0 AND lower(coalesce(p_status, '')) <> ALL (coalesce(p_excluded_lower, '{}'));
COMMENT ON FUNCTION ops.anomaly_line_counts(text, integer, text[]) IS
    'Whether an order line takes part in anomaly detection: a positive quantity, an order status not excluded (lower case).';

CREATE FUNCTION ops.lower_statuses(p_statuses text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY(SELECT DISTINCT lower(s) FROM unnest(coalesce(p_statuses, '{}')) s ORDER BY 1);

-- Computes baselines: every product (p_reuse_within NULL), or only those
-- whose baseline is missing, older than p_reuse_within or computed with
-- other parameters. Returns what it did.
CREATE FUNCTION ops.refresh_anomaly_baselines(
    p_method text, p_k double precision, p_min_history integer, p_min_sigma double precision,
    p_excluded_statuses text[], p_run bigint DEFAULT NULL, p_reuse_within interval DEFAULT NULL)
    RETURNS TABLE (products bigint, products_with_history bigint, lines bigint, resolved_lines bigint, removed bigint)
    LANGUAGE plpgsql AS $fn$
DECLARE
    v_excluded text[] := ops.lower_statuses(p_excluded_statuses);
BEGIN
    IF p_method IS NULL OR p_method NOT IN ('stddev', 'mad') THEN
        RAISE EXCEPTION 'unknown anomaly method %', p_method USING ERRCODE = '22023';
    END IF;
    IF p_k IS NULL OR p_k <= 0 OR p_min_history IS NULL OR p_min_history < 2 OR p_min_sigma IS NULL OR p_min_sigma < 0 THEN
        RAISE EXCEPTION 'anomaly parameters out of range (k %, min_history %, min_sigma %)', p_k, p_min_history, p_min_sigma
            USING ERRCODE = '22023';
    END IF;
    RETURN QUERY
    WITH scope AS (
        SELECT DISTINCT l.product_id
        FROM dw.fact_order_line l
        WHERE p_reuse_within IS NULL
           OR NOT EXISTS (SELECT 1 FROM ops.anomaly_baseline b
                          WHERE b.product_id = l.product_id AND b.method = p_method AND b.k = p_k
                            AND b.min_history = p_min_history AND b.min_sigma = p_min_sigma
                            AND b.computed_at > now() - p_reuse_within)
    ), resolved AS (
        SELECT f.order_id, f.line_no FROM ops.anomaly_flag f WHERE f.status = 'RESOLVED'
    ), candidate AS (
        SELECT l.product_id, l.quantity::double precision AS q, r.order_id IS NOT NULL AS resolved
        FROM dw.fact_order_line l
        JOIN scope s ON s.product_id = l.product_id
        LEFT JOIN resolved r ON r.order_id = l.order_id AND r.line_no = l.line_no
        WHERE ops.anomaly_line_counts(l.status, l.quantity, v_excluded)
    ), stats AS (
        SELECT c.product_id,
               count(*) FILTER (WHERE NOT c.resolved) AS n,
               count(*) FILTER (WHERE c.resolved) AS n_resolved,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY c.q) FILTER (WHERE NOT c.resolved) AS median,
               avg(c.q) FILTER (WHERE NOT c.resolved) AS mean,
               coalesce(stddev_samp(c.q) FILTER (WHERE NOT c.resolved), 0) AS sd
        FROM candidate c GROUP BY c.product_id
    ), robust AS (
        -- MAD, and the mean absolute deviation for when more than half the
        -- lines sit on the median (MAD = 0), scaled to estimate σ.
        SELECT c.product_id,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(c.q - s.median)) AS mad,
               avg(abs(c.q - s.median)) AS meanad
        FROM candidate c JOIN stats s ON s.product_id = c.product_id
        WHERE p_method = 'mad' AND NOT c.resolved
        GROUP BY c.product_id
    ), computed AS (
        SELECT s.product_id, s.n, s.n_resolved, s.median, s.mean, s.sd, r.mad,
               CASE WHEN p_method = 'stddev' THEN s.sd
                    WHEN r.mad > 0 THEN 1.4826 * r.mad
                    ELSE 1.2533 * r.meanad END AS sigma
        FROM stats s LEFT JOIN robust r ON r.product_id = s.product_id
        WHERE s.n > 0   -- every line RESOLVED: nothing left to measure
    ), upserted AS (
        INSERT INTO ops.anomaly_baseline AS b
            (product_id, method, k, min_history, min_sigma, excluded_statuses, lines, resolved_lines, median, mean, stddev, mad, sigma,
             threshold, enough_history, computed_at, computed_run_id)
        SELECT c.product_id, p_method, p_k, p_min_history, p_min_sigma, v_excluded, c.n, c.n_resolved, c.median, c.mean, c.sd, c.mad,
               c.sigma, c.median + p_k * greatest(c.sigma, p_min_sigma), c.n >= p_min_history, now(), p_run
        FROM computed c
        ON CONFLICT (product_id) DO UPDATE
            SET method = excluded.method, k = excluded.k, min_history = excluded.min_history,
                min_sigma = excluded.min_sigma, excluded_statuses = excluded.excluded_statuses, lines = excluded.lines, resolved_lines = excluded.resolved_lines,
                median = excluded.median, mean = excluded.mean, stddev = excluded.stddev, mad = excluded.mad,
                sigma = excluded.sigma, threshold = excluded.threshold, enough_history = excluded.enough_history,
                computed_at = excluded.computed_at, computed_run_id = excluded.computed_run_id
        RETURNING b.product_id, b.lines, b.resolved_lines, b.enough_history
    ), dropped AS (
        -- Products in scope with no line left to measure lose their baseline.
        DELETE FROM ops.anomaly_baseline b
        WHERE (p_reuse_within IS NULL OR b.product_id IN (SELECT s.product_id FROM scope s))
          AND NOT EXISTS (SELECT 1 FROM computed c WHERE c.product_id = b.product_id)
        RETURNING b.product_id
    )
    SELECT count(*), count(*) FILTER (WHERE u.enough_history), coalesce(sum(u.lines), 0)::bigint,
           coalesce(sum(u.resolved_lines), 0)::bigint, (SELECT count(*) FROM dropped)
    FROM upserted u;
END
$fn$;
COMMENT ON FUNCTION ops.refresh_anomaly_baselines(text, double precision, integer, double precision, text[], bigint, interval) IS
    'Recomputes product quantity baselines (all, or only missing/stale ones); RESOLVED lines are left out.';

-- Flags every counted line above its product's threshold (products with
-- enough history only) that has no flag yet, whatever that flag's status:
-- a re-run never duplicates a flag nor resets its triage. Returns the new
-- flags per product and notifies open consoles when there are any.
CREATE FUNCTION ops.flag_anomalies(p_run bigint, p_excluded_statuses text[])
    RETURNS TABLE (product_id text, new_flags bigint)
    LANGUAGE plpgsql AS $fn$
DECLARE
    v_excluded text[] := ops.lower_statuses(p_excluded_statuses);
    v_products text[];
    v_counts bigint[];
BEGIN
    WITH inserted AS (
        INSERT INTO ops.anomaly_flag AS f
            (order_id, line_no, order_date, order_ts, product_id, product_sk, customer_sk, quantity, baseline_median,
             baseline_sigma, threshold, z_score, method, k, min_history, min_sigma, baseline_lines, run_id)
        SELECT l.order_id, l.line_no, l.order_date, l.order_ts, l.product_id, l.product_sk, l.customer_sk, l.quantity,
               b.median, b.sigma, b.threshold, (l.quantity - b.median) / greatest(b.sigma, b.min_sigma, 1e-9),
               b.method, b.k, b.min_history, b.min_sigma, b.lines, p_run
        FROM dw.fact_order_line l
        JOIN ops.anomaly_baseline b ON b.product_id = l.product_id
        WHERE b.enough_history
          AND l.quantity > b.threshold
          AND ops.anomaly_line_counts(l.status, l.quantity, v_excluded)
          AND NOT EXISTS (SELECT 1 FROM ops.anomaly_flag x WHERE x.order_id = l.order_id AND x.line_no = l.line_no)
        ORDER BY l.order_date, l.order_id, l.line_no
        ON CONFLICT ON CONSTRAINT anomaly_flag_one_per_line DO NOTHING
        RETURNING f.product_id
    )
    SELECT array_agg(x.product_id ORDER BY x.n DESC, x.product_id), array_agg(x.n ORDER BY x.n DESC, x.product_id)
    INTO v_products, v_counts
    FROM (SELECT i.product_id, count(*) AS n FROM inserted i GROUP BY i.product_id) x;
    IF v_products IS NOT NULL THEN
        PERFORM pg_notify('ecomops_anomaly',
                          json_build_object('kind', 'detected', 'run_id', p_run,
                                            'new_flags', (SELECT sum(c) FROM unnest(v_counts) c),
                                            'at', now(), 'at_ms', (extract(epoch FROM now()) * 1000)::bigint)::text);
    END IF;
    RETURN QUERY SELECT u.p, u.n FROM unnest(v_products, v_counts) WITH ORDINALITY AS u(p, n, i) ORDER BY u.i;
END
$fn$;
COMMENT ON FUNCTION ops.flag_anomalies(bigint, text[]) IS
    'Raises NEW flags for counted lines above their product threshold that have none yet; returns new flags per product.';
