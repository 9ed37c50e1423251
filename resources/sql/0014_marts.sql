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
