-- KPI marts for the console and for BI tools (documented column by column in
-- pipeline/warehouse/MARTS.md). Materialized views hold the aggregates, so
-- readers never wait on a run: the run refreshes them (CONCURRENTLY) at its
-- end, inside its own transaction, and readers see the old figures until it
-- commits. Plain views and functions on top give all-time rankings and
-- date-range versions for the console's date filter.
--
-- Revenue rule: an order counts when its status is one of
-- mart.settings.revenue_statuses (default Completed, Delivered; compared
-- case-insensitively). Revenue is merchandise revenue: the sum of its lines'
-- line_total (after line discounts), without shipping fees.

CREATE TABLE mart.settings (
    id                    boolean  PRIMARY KEY DEFAULT true CHECK (id),
    revenue_statuses      text[]   NOT NULL DEFAULT '{completed,delivered}',
    churn_days            integer  NOT NULL DEFAULT 90 CHECK (churn_days > 0),
    forecast_horizon_days integer  NOT NULL DEFAULT 30 CHECK (forecast_horizon_days BETWEEN 1 AND 366),
    forecast_season_days  integer  NOT NULL DEFAULT 7 CHECK (forecast_season_days BETWEEN 1 AND 366),
    forecast_alpha        numeric  CHECK (forecast_alpha > 0 AND forecast_alpha < 1),
    forecast_gamma        numeric  CHECK (forecast_gamma >= 0 AND forecast_gamma < 1),
    forecast_z            numeric  NOT NULL DEFAULT 1.96 CHECK (forecast_z > 0),
    refreshed_at          timestamptz
);
INSERT INTO mart.settings DEFAULT VALUES;
COMMENT ON TABLE mart.settings IS
    'The parameters the marts were last refreshed with (set by the run from its warehouse options).';
COMMENT ON COLUMN mart.settings.revenue_statuses IS 'Order statuses (lower case) whose orders count as revenue.';
COMMENT ON COLUMN mart.settings.churn_days IS 'A customer with no revenue order for more than this many days is churned.';
COMMENT ON COLUMN mart.settings.forecast_alpha IS 'Level smoothing of the forecast; NULL = fitted by least squares on a grid.';
COMMENT ON COLUMN mart.settings.forecast_gamma IS 'Seasonal smoothing of the forecast; NULL = fitted by least squares on a grid.';
COMMENT ON COLUMN mart.settings.forecast_z IS 'Half-width of the forecast band in standard deviations (1.96 = 95 %).';

-- Order grain, every status, with the attributes in effect when ordered.
CREATE MATERIALIZED VIEW mart.order_summary AS
SELECT o.order_id,
       o.order_date,
       o.order_ts,
       date_trunc('month', o.order_date)::date AS order_month,
       o.customer_id,
       o.customer_sk,
       c.segment,
       coalesce(o.country_code, c.country_code) AS country_code,
       co.country_name,
       co.region,
       c.state,
       c.city,
       o.channel,
       o.payment_method,
       o.status,
       coalesce(lower(o.status) = ANY (st.revenue_statuses), false) AS is_revenue,
       coalesce(l.lines, 0) AS lines,
       coalesce(l.items, 0) AS items,
       coalesce(l.merchandise_value, 0) AS merchandise_value,
       CASE WHEN coalesce(lower(o.status) = ANY (st.revenue_statuses), false)
            THEN coalesce(l.merchandise_value, 0) ELSE 0 END AS revenue,
       o.discount_total,
       o.shipping_fee,
       o.order_total
FROM dw.fact_order o
JOIN dw.dim_customer c ON c.customer_sk = o.customer_sk
LEFT JOIN dw.dim_country co ON co.country_code = coalesce(o.country_code, c.country_code)
LEFT JOIN (SELECT order_id, count(*) AS lines, sum(quantity) AS items, sum(line_total) AS merchandise_value
           FROM dw.fact_order_line GROUP BY order_id) l ON l.order_id = o.order_id
CROSS JOIN mart.settings st;
CREATE UNIQUE INDEX order_summary_pk ON mart.order_summary (order_id);
CREATE INDEX order_summary_date_idx ON mart.order_summary (order_date);
CREATE INDEX order_summary_customer_idx ON mart.order_summary (customer_id);
COMMENT ON MATERIALIZED VIEW mart.order_summary IS
    'One row per order (any status) with segment, country and state as they were when it was placed.';

-- Revenue per period (day or month), every period from the first to the
-- last order, periods without orders included (zeros).
CREATE FUNCTION mart.revenue_series(p_grain text)
    RETURNS TABLE (period date, orders bigint, items bigint, revenue numeric, aov numeric, customers bigint,
                   new_customers bigint, orders_placed bigint, cancelled_orders bigint, refunded_orders bigint)
    LANGUAGE sql STABLE AS $fn$
    WITH o AS (
        SELECT date_trunc(p_grain, s.order_date)::date AS period, s.*
        FROM mart.order_summary s
    ), firsts AS (
        SELECT min(o.period) AS period FROM o WHERE o.is_revenue GROUP BY o.customer_id
    ), newcomers AS (
        SELECT f.period, count(*) AS n FROM firsts f GROUP BY f.period
    ), agg AS (
        SELECT o.period,
               count(*) FILTER (WHERE o.is_revenue) AS orders,
               coalesce(sum(o.items) FILTER (WHERE o.is_revenue), 0)::bigint AS items,
               sum(o.revenue) AS revenue,
               count(DISTINCT o.customer_id) FILTER (WHERE o.is_revenue) AS customers,
               count(*) AS orders_placed,
               count(*) FILTER (WHERE lower(o.status) = 'cancelled') AS cancelled_orders,
               count(*) FILTER (WHERE lower(o.status) = 'refunded') AS refunded_orders
        FROM o GROUP BY o.period
    )
    SELECT g.ts::date,
           coalesce(a.orders, 0), coalesce(a.items, 0), coalesce(a.revenue, 0),
           round(a.revenue / nullif(a.orders, 0), 2),
           coalesce(a.customers, 0), coalesce(n.n, 0), coalesce(a.orders_placed, 0),
           coalesce(a.cancelled_orders, 0), coalesce(a.refunded_orders, 0)
    FROM generate_series((SELECT min(period) FROM o), (SELECT max(period) FROM o), ('1 ' || p_grain)::interval) AS g(ts)
    LEFT JOIN agg a ON a.period = g.ts::date
    LEFT JOIN newcomers n ON n.period = g.ts::date
$fn$;

-- The day-grain revenue the console filters by date range.
CREATE MATERIALIZED VIEW mart.revenue_daily AS
SELECT period AS day, orders, items, revenue, aov, customers, new_customers, orders_placed, cancelled_orders,
       refunded_orders
FROM mart.revenue_series('day');
CREATE UNIQUE INDEX revenue_daily_pk ON mart.revenue_daily (day);
COMMENT ON MATERIALIZED VIEW mart.revenue_daily IS 'Revenue, orders, items, AOV and customers per day (zero-filled).';

CREATE MATERIALIZED VIEW mart.revenue_monthly AS
SELECT period AS month, orders, items, revenue, aov, customers, new_customers, orders_placed, cancelled_orders,
       refunded_orders
FROM mart.revenue_series('month');
CREATE UNIQUE INDEX revenue_monthly_pk ON mart.revenue_monthly (month);
COMMENT ON MATERIALIZED VIEW mart.revenue_monthly IS 'Revenue, orders, items, AOV and customers per calendar month.';

-- Product × day of revenue orders, with the category the product had when
-- it was sold (its version's category) and today's names.
CREATE MATERIALIZED VIEW mart.product_revenue_daily AS
SELECT l.order_date AS day,
       l.product_id,
       cur.product_name,
       v.category_id,
       cat.category_name,
       sum(l.quantity) AS units,
       sum(l.line_total) AS revenue,
       count(DISTINCT l.order_id) AS orders
FROM dw.fact_order_line l
JOIN dw.dim_product v ON v.product_sk = l.product_sk
JOIN dw.dim_product cur ON cur.product_id = l.product_id AND cur.is_current
LEFT JOIN dw.dim_category cat ON cat.category_id = v.category_id
CROSS JOIN mart.settings st
WHERE lower(l.status) = ANY (st.revenue_statuses)
GROUP BY l.order_date, l.product_id, cur.product_name, v.category_id, cat.category_name;
CREATE UNIQUE INDEX product_revenue_daily_pk ON mart.product_revenue_daily (day, product_id, category_id);
COMMENT ON MATERIALIZED VIEW mart.product_revenue_daily IS
    'Units and revenue per product and day (revenue orders), with the category at the time of sale.';

-- Category × day of revenue orders (category at the time of sale).
CREATE MATERIALIZED VIEW mart.category_revenue_daily AS
SELECT l.order_date AS day,
       v.category_id,
       cat.category_name,
       sum(l.quantity) AS units,
       sum(l.line_total) AS revenue,
       count(DISTINCT l.order_id) AS orders
FROM dw.fact_order_line l
JOIN dw.dim_product v ON v.product_sk = l.product_sk
LEFT JOIN dw.dim_category cat ON cat.category_id = v.category_id
CROSS JOIN mart.settings st
WHERE lower(l.status) = ANY (st.revenue_statuses)
GROUP BY l.order_date, v.category_id, cat.category_name;
CREATE UNIQUE INDEX category_revenue_daily_pk ON mart.category_revenue_daily (day, category_id);
COMMENT ON MATERIALIZED VIEW mart.category_revenue_daily IS
    'Units, revenue and orders per category and day (revenue orders), by the category at the time of sale.';

-- Monthly cohorts by first revenue order: the share still ordering k months on.
CREATE MATERIALIZED VIEW mart.cohort_retention AS
WITH activity AS (
    SELECT customer_id, order_month, sum(revenue) AS revenue
    FROM mart.order_summary WHERE is_revenue GROUP BY customer_id, order_month
), firsts AS (
    SELECT customer_id, min(order_month) AS cohort_month FROM activity GROUP BY customer_id
), sizes AS (
    SELECT cohort_month, count(*) AS cohort_size FROM firsts GROUP BY cohort_month
), active AS (
    SELECT f.cohort_month,
           ((extract(year FROM a.order_month) - extract(year FROM f.cohort_month)) * 12
            + extract(month FROM a.order_month) - extract(month FROM f.cohort_month))::integer AS months_since_first,
           count(*) AS active_customers,
           sum(a.revenue) AS revenue
    FROM firsts f JOIN activity a ON a.customer_id = f.customer_id
    GROUP BY 1, 2
), last_month AS (
    SELECT max(order_month) AS month FROM mart.order_summary
)
SELECT s.cohort_month,
       k.months_since_first,
       s.cohort_size,
       coalesce(a.active_customers, 0) AS active_customers,
       round(coalesce(a.active_customers, 0)::numeric / s.cohort_size, 4) AS retention,
       coalesce(a.revenue, 0) AS revenue
FROM sizes s
CROSS JOIN last_month lm
CROSS JOIN LATERAL generate_series(0, ((extract(year FROM lm.month) - extract(year FROM s.cohort_month)) * 12
                                       + extract(month FROM lm.month) - extract(month FROM s.cohort_month))::integer)
                   AS k(months_since_first)
LEFT JOIN active a ON a.cohort_month = s.cohort_month AND a.months_since_first = k.months_since_first;
CREATE UNIQUE INDEX cohort_retention_pk ON mart.cohort_retention (cohort_month, months_since_first);
COMMENT ON MATERIALIZED VIEW mart.cohort_retention IS
    'Monthly first-order cohorts: how many customers of each ordered again k months after their first month.';

-- Customer lifetime value, as of the last order date in the warehouse.
CREATE MATERIALIZED VIEW mart.customer_lifetime_value AS
WITH as_of AS (SELECT max(order_date) AS day FROM mart.order_summary)
SELECT o.customer_id,
       cur.segment AS current_segment,
       cur.country_code,
       min(o.order_date) AS first_order_date,
       max(o.order_date) AS last_order_date,
       count(*) AS orders,
       sum(o.items) AS items,
       sum(o.revenue) AS total_spent,
       round(sum(o.revenue) / count(*), 2) AS avg_order_value,
       max(o.order_date) - min(o.order_date) AS tenure_days,
       a.day - max(o.order_date) AS days_since_last_order,
       (a.day - max(o.order_date)) > st.churn_days AS churned,
       a.day AS as_of_date,
       st.churn_days
FROM mart.order_summary o
JOIN dw.dim_customer cur ON cur.customer_id = o.customer_id AND cur.is_current
CROSS JOIN as_of a
CROSS JOIN mart.settings st
WHERE o.is_revenue
GROUP BY o.customer_id, cur.segment, cur.country_code, a.day, st.churn_days;
CREATE UNIQUE INDEX customer_lifetime_value_pk ON mart.customer_lifetime_value (customer_id);
COMMENT ON MATERIALIZED VIEW mart.customer_lifetime_value IS
    'Per customer with a revenue order: total spent, orders, AOV, first/last order, recency and churn.';

-- The 30-day revenue forecast: additive exponential smoothing with a weekly
-- season and no trend, ETS(A,N,A):
--   forecast ŷ(t) = level(t-1) + season(t-m);   e(t) = y(t) − ŷ(t)
--   level(t) = level(t-1) + α·e(t);             season(t) = season(t-m) + γ·e(t)
-- Why: daily shop revenue has a strong weekday pattern and, over 30 days, no
-- trend that one year of history can estimate without extrapolating the
-- Nov–Dec peak; a trend-free level adapts to the current run rate while the
-- season keeps weekends and weekdays apart. α and γ are fitted by least
-- squares of the one-step-ahead errors on a grid (α 0.05…0.95, γ 0…0.30)
-- unless mart.settings fixes them. The band is ŷ ± z·σ_h with the model's
-- analytic variance σ_h² = σ²·(1 + (h−1)·α² + ⌊(h−1)/m⌋·γ·(2α+γ)), σ² the mean
-- squared one-step error; the lower bound is clipped at 0. With less than two
-- seasons of history the season is dropped (simple exponential smoothing).
-- Arithmetic is numeric, each state rounded to 8 decimals.
CREATE FUNCTION mart.ets_sse(y numeric[], m integer, alpha numeric, gamma numeric, level0 numeric, season0 numeric[])
    RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    lvl numeric := level0;
    s numeric[] := season0;
    e numeric;
    j integer;
    sse numeric := 0;
BEGIN
    FOR t IN 1 .. cardinality(y) LOOP
        j := (t - 1) % m + 1;
        e := y[t] - (lvl + s[j]);
        IF t > m THEN
            sse := sse + e * e;
        END IF;
        lvl := round(lvl + alpha * e, 8);
        s[j] := round(s[j] + gamma * e, 8);
    END LOOP;
    RETURN sse;
END
$fn$;

CREATE FUNCTION mart.forecast_revenue()
    RETURNS TABLE (day date, actual numeric, fitted numeric, forecast numeric, lower_bound numeric, upper_bound numeric,
                   is_forecast boolean, method text, alpha numeric, gamma numeric, sigma numeric)
    LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    cfg mart.settings;
    y numeric[];
    days date[];
    n integer;
    m integer;
    weeks integer;
    level0 numeric;
    season0 numeric[];
    best_sse numeric;
    sse numeric;
    a numeric;
    g numeric;
    lvl numeric;
    s numeric[];
    e numeric;
    j integer;
    fit numeric;
    var numeric;
    half numeric;
    alphas numeric[];
    gammas numeric[];
BEGIN
    SELECT * INTO cfg FROM mart.settings;
    SELECT array_agg(r.revenue ORDER BY r.day), array_agg(r.day ORDER BY r.day) INTO y, days FROM mart.revenue_daily r;
    n := coalesce(cardinality(y), 0);
    IF n < 2 THEN
        RETURN;
    END IF;
    m := cfg.forecast_season_days;
    IF n < 2 * m OR m < 2 THEN
        m := 1;   -- not enough history for a season: simple exponential smoothing
    END IF;

    -- Initial state: level = mean of the first season; season j = mean over
    -- the first (up to four) whole seasons of y − that season's mean.
    weeks := least(4, n / m);
    level0 := (SELECT avg(v) FROM unnest(y[1:m]) v);
    season0 := array_fill(0::numeric, ARRAY[m]);
    IF m > 1 THEN
        FOR j IN 1 .. m LOOP
            season0[j] := round((SELECT avg(y[w * m + j] - (SELECT avg(v) FROM unnest(y[w * m + 1:w * m + m]) v))
                                 FROM generate_series(0, weeks - 1) w), 8);
        END LOOP;
    END IF;
    level0 := round(level0, 8);

    alphas := CASE WHEN cfg.forecast_alpha IS NOT NULL THEN ARRAY[cfg.forecast_alpha]
                   ELSE ARRAY(SELECT round(0.05 * i, 2) FROM generate_series(1, 19) i) END;
    gammas := CASE WHEN m = 1 THEN ARRAY[0::numeric]
                   WHEN cfg.forecast_gamma IS NOT NULL THEN ARRAY[cfg.forecast_gamma]
                   ELSE ARRAY[0, 0.05, 0.10, 0.15, 0.20, 0.30]::numeric[] END;
    FOREACH a IN ARRAY alphas LOOP
        FOREACH g IN ARRAY gammas LOOP
            sse := mart.ets_sse(y, m, a, g, level0, season0);
            IF best_sse IS NULL OR sse < best_sse THEN
                best_sse := sse;
                alpha := a;
                gamma := g;
            END IF;
        END LOOP;
    END LOOP;
    sigma := sqrt(best_sse / greatest(n - m, 1));
    method := CASE WHEN m > 1 THEN format('ETS(A,N,A), season %s days', m) ELSE 'simple exponential smoothing' END;

    lvl := level0;
    s := season0;
    FOR t IN 1 .. n LOOP
        j := (t - 1) % m + 1;
        fit := lvl + s[j];
        e := y[t] - fit;
        day := days[t];
        actual := y[t];
        fitted := round(fit, 2);
        forecast := NULL;
        lower_bound := NULL;
        upper_bound := NULL;
        is_forecast := false;
        RETURN NEXT;
        lvl := round(lvl + alpha * e, 8);
        s[j] := round(s[j] + gamma * e, 8);
    END LOOP;

    FOR h IN 1 .. cfg.forecast_horizon_days LOOP
        j := (n + h - 1) % m + 1;
        fit := lvl + s[j];
        var := sigma * sigma * (1 + (h - 1) * alpha * alpha + ((h - 1) / m) * gamma * (2 * alpha + gamma));
        half := cfg.forecast_z * sqrt(var);
        day := days[n] + h;
        actual := NULL;
        fitted := NULL;
        forecast := round(greatest(fit, 0), 2);
        lower_bound := round(greatest(fit - half, 0), 2);
        upper_bound := round(fit + half, 2);
        is_forecast := true;
        RETURN NEXT;
    END LOOP;
END
$fn$;
COMMENT ON FUNCTION mart.forecast_revenue() IS
    'Daily revenue history with one-step fitted values, then the forecast with its band (ETS(A,N,A)).';

CREATE MATERIALIZED VIEW mart.revenue_forecast AS
SELECT f.day, f.actual, f.fitted, f.forecast, f.lower_bound, f.upper_bound, f.is_forecast, f.method,
       f.alpha, f.gamma, round(f.sigma, 2) AS sigma
FROM mart.forecast_revenue() f;
CREATE UNIQUE INDEX revenue_forecast_pk ON mart.revenue_forecast (day);
COMMENT ON MATERIALIZED VIEW mart.revenue_forecast IS
    'Daily revenue with fitted values, then a forecast for the next days with a lower and upper bound.';

-- Date-range functions (inclusive dates) for the console's filter; the
-- all-time views below call them with an open range.
CREATE FUNCTION mart.kpi_summary(p_from date, p_to date)
    RETURNS TABLE (revenue numeric, orders bigint, items bigint, aov numeric, customers bigint, new_customers bigint,
                   orders_placed bigint, cancelled_orders bigint, refunded_orders bigint)
    LANGUAGE sql STABLE AS $fn$
    SELECT coalesce(sum(o.revenue), 0),
           count(*) FILTER (WHERE o.is_revenue),
           coalesce(sum(o.items) FILTER (WHERE o.is_revenue), 0)::bigint,
           round(coalesce(sum(o.revenue), 0) / nullif(count(*) FILTER (WHERE o.is_revenue), 0), 2),
           count(DISTINCT o.customer_id) FILTER (WHERE o.is_revenue),
           (SELECT count(*) FROM mart.customer_lifetime_value c WHERE c.first_order_date BETWEEN p_from AND p_to),
           count(*),
           count(*) FILTER (WHERE lower(o.status) = 'cancelled'),
           count(*) FILTER (WHERE lower(o.status) = 'refunded')
    FROM mart.order_summary o
    WHERE o.order_date BETWEEN p_from AND p_to
$fn$;

CREATE FUNCTION mart.top_products_between(p_from date, p_to date, p_limit integer DEFAULT NULL,
                                          p_order_by text DEFAULT 'revenue')
    RETURNS TABLE (product_id text, product_name text, category_name text, units bigint, revenue numeric,
                   orders bigint, revenue_share numeric, revenue_rank bigint, units_rank bigint)
    LANGUAGE sql STABLE AS $fn$
    WITH p AS (
        SELECT d.product_id, min(d.product_name) AS product_name,
               string_agg(DISTINCT d.category_name, ', ' ORDER BY d.category_name) AS category_name,
               sum(d.units)::bigint AS units, sum(d.revenue) AS revenue, sum(d.orders)::bigint AS orders
        FROM mart.product_revenue_daily d
        WHERE d.day BETWEEN p_from AND p_to
        GROUP BY d.product_id
    ), ranked AS (
        SELECT p.*, round(p.revenue / nullif(sum(p.revenue) OVER (), 0), 4) AS revenue_share,
               rank() OVER (ORDER BY p.revenue DESC) AS revenue_rank,
               rank() OVER (ORDER BY p.units DESC) AS units_rank
        FROM p
    )
    SELECT * FROM ranked
    ORDER BY CASE WHEN p_order_by = 'units' THEN units_rank ELSE revenue_rank END, product_id
    LIMIT p_limit
$fn$;

CREATE FUNCTION mart.top_categories_between(p_from date, p_to date, p_limit integer DEFAULT NULL,
                                            p_order_by text DEFAULT 'revenue')
    RETURNS TABLE (category_id text, category_name text, units bigint, revenue numeric, orders bigint,
                   products bigint, revenue_share numeric, revenue_rank bigint, units_rank bigint)
    LANGUAGE sql STABLE AS $fn$
    WITH c AS (
        SELECT d.category_id, min(d.category_name) AS category_name,
               sum(d.units)::bigint AS units, sum(d.revenue) AS revenue, sum(d.orders)::bigint AS orders
        FROM mart.category_revenue_daily d
        WHERE d.day BETWEEN p_from AND p_to
        GROUP BY d.category_id
    ), p AS (
        SELECT d.category_id, count(DISTINCT d.product_id)::bigint AS products
        FROM mart.product_revenue_daily d
        WHERE d.day BETWEEN p_from AND p_to
        GROUP BY d.category_id
    ), ranked AS (
        SELECT c.category_id, c.category_name, c.units, c.revenue, c.orders, coalesce(p.products, 0) AS products,
               round(c.revenue / nullif(sum(c.revenue) OVER (), 0), 4) AS revenue_share,
               rank() OVER (ORDER BY c.revenue DESC) AS revenue_rank,
               rank() OVER (ORDER BY c.units DESC) AS units_rank
        FROM c LEFT JOIN p ON p.category_id IS NOT DISTINCT FROM c.category_id
    )
    SELECT * FROM ranked
    ORDER BY CASE WHEN p_order_by = 'units' THEN units_rank ELSE revenue_rank END, category_id
    LIMIT p_limit
$fn$;

CREATE FUNCTION mart.revenue_by_country_between(p_from date, p_to date)
    RETURNS TABLE (country_code text, country_name text, region text, state text, revenue numeric, orders bigint,
                   customers bigint, revenue_share numeric)
    LANGUAGE sql STABLE AS $fn$
    SELECT o.country_code, min(o.country_name), min(o.region), o.state,
           sum(o.revenue), count(*), count(DISTINCT o.customer_id),
           round(sum(o.revenue) / nullif(sum(sum(o.revenue)) OVER (), 0), 4)
    FROM mart.order_summary o
    WHERE o.is_revenue AND o.order_date BETWEEN p_from AND p_to
    GROUP BY o.country_code, o.state
    ORDER BY sum(o.revenue) DESC, o.country_code, o.state
$fn$;

-- Segment, channel and payment-method mix of revenue orders.
CREATE FUNCTION mart.mix_between(p_from date, p_to date)
    RETURNS TABLE (dimension text, value text, orders bigint, revenue numeric, customers bigint,
                   order_share numeric, revenue_share numeric)
    LANGUAGE sql STABLE AS $fn$
    SELECT x.dimension, x.value, count(*), sum(o.revenue), count(DISTINCT o.customer_id),
           round(count(*)::numeric / sum(count(*)) OVER (PARTITION BY x.dimension), 4),
           round(sum(o.revenue) / nullif(sum(sum(o.revenue)) OVER (PARTITION BY x.dimension), 0), 4)
    FROM mart.order_summary o
    CROSS JOIN LATERAL (VALUES ('segment', o.segment), ('channel', o.channel),
                               ('payment_method', o.payment_method)) AS x(dimension, value)
    WHERE o.is_revenue AND o.order_date BETWEEN p_from AND p_to
    GROUP BY x.dimension, x.value
    ORDER BY x.dimension, sum(o.revenue) DESC, x.value
$fn$;

-- Every order placed, by status (revenue and non-revenue).
CREATE FUNCTION mart.status_mix_between(p_from date, p_to date)
    RETURNS TABLE (status text, counts_as_revenue boolean, orders bigint, merchandise_value numeric, order_share numeric)
    LANGUAGE sql STABLE AS $fn$
    SELECT o.status, bool_or(o.is_revenue), count(*), sum(o.merchandise_value),
           round(count(*)::numeric / sum(count(*)) OVER (), 4)
    FROM mart.order_summary o
    WHERE o.order_date BETWEEN p_from AND p_to
    GROUP BY o.status
    ORDER BY count(*) DESC, o.status
$fn$;

CREATE VIEW mart.top_products AS SELECT * FROM mart.top_products_between('-infinity', 'infinity');
CREATE VIEW mart.top_categories AS SELECT * FROM mart.top_categories_between('-infinity', 'infinity');
CREATE VIEW mart.revenue_by_country AS SELECT * FROM mart.revenue_by_country_between('-infinity', 'infinity');
CREATE VIEW mart.sales_mix AS SELECT * FROM mart.mix_between('-infinity', 'infinity');
CREATE VIEW mart.segment_mix AS SELECT value AS segment, orders, revenue, customers, order_share, revenue_share
                                FROM mart.sales_mix WHERE dimension = 'segment';
CREATE VIEW mart.channel_mix AS SELECT value AS channel, orders, revenue, customers, order_share, revenue_share
                                FROM mart.sales_mix WHERE dimension = 'channel';
CREATE VIEW mart.payment_method_mix AS SELECT value AS payment_method, orders, revenue, customers, order_share, revenue_share
                                       FROM mart.sales_mix WHERE dimension = 'payment_method';
CREATE VIEW mart.status_mix AS SELECT * FROM mart.status_mix_between('-infinity', 'infinity');

CREATE VIEW mart.churn_summary AS
SELECT count(*) AS customers,
       count(*) FILTER (WHERE churned) AS churned_customers,
       round(count(*) FILTER (WHERE churned)::numeric / nullif(count(*), 0), 4) AS churn_rate,
       round(avg(total_spent), 2) AS avg_lifetime_value,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY total_spent) AS median_lifetime_value,
       round(avg(orders), 2) AS avg_orders,
       max(as_of_date) AS as_of_date,
       max(churn_days) AS churn_days
FROM mart.customer_lifetime_value;
COMMENT ON VIEW mart.churn_summary IS 'Customers with a revenue order, how many are churned, and lifetime value.';
