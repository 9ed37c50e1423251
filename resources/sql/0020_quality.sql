-- Data quality: the rule catalogue, and per run the scores (per table and
-- dimension, and overall), every rule's result with a few example rows, the
-- gates evaluated and the verdict. Written by the validate stage in the same
-- transaction as its quarantine rows; kept when a gate fails the run, so the
-- console can always show why (see pipeline/quality/RULES.md).

-- The catalogue, as the engine applies it: the engine writes it at every
-- validate stage (rules it no longer has are kept, marked retired, so old
-- results still have their description).
CREATE TABLE ops.quality_rule (
    rule_id          text        PRIMARY KEY,            -- "orders.order_ts.not_future"
    table_name       text        NOT NULL,               -- a staged table, or '*' for every table
    columns          text[]      NOT NULL DEFAULT '{}',
    dimension        text        NOT NULL CHECK (dimension IN ('completeness', 'validity', 'consistency', 'timeliness',
                                                              'uniqueness', 'accuracy', 'conformity', 'integrity')),
    severity         text        NOT NULL CHECK (severity IN ('reject', 'count', 'info')), -- the default; a run spec may override
    kind             text        NOT NULL CHECK (kind IN ('row', 'set', 'load', 'snapshot')),
    check_kind       text        NOT NULL,               -- how it is checked: email, reference, unique, ...
    description      text        NOT NULL,
    references_table text,                               -- the table a reference rule looks into
    retired          boolean     NOT NULL DEFAULT false,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE ops.quality_rule IS
    'The data-quality rules: id, table, columns, dimension, default severity (reject/count/info), kind (row/set/load/snapshot), description.';

-- One row per validated run: the verdict of its gates and the options used.
CREATE TABLE ops.quality_run (
    run_id              bigint       PRIMARY KEY REFERENCES ops.pipeline_run (run_id) ON DELETE CASCADE,
    overall             numeric(7,3) CHECK (overall BETWEEN 0 AND 100),  -- rows-weighted mean of the tables' overall
    gate_status         text         NOT NULL CHECK (gate_status IN ('passed', 'warned', 'failed')),
    messages            text[]       NOT NULL DEFAULT '{}',              -- the gates that failed, in words
    options             jsonb        NOT NULL,                           -- gates, weights and rule settings used
    run_time            timestamptz  NOT NULL,                           -- "now" for the timeliness rules
    snapshot_created_at timestamptz,
    rows_quarantined    bigint       NOT NULL DEFAULT 0,                 -- by the validate stage's set rules
    scored_at           timestamptz  NOT NULL DEFAULT now()
);
COMMENT ON TABLE ops.quality_run IS 'Per validated run: overall score, gate verdict and messages, the options used.';

-- Scores 0–100 per table and dimension, plus 'overall'; table_name '' is the
-- run as a whole. A NULL score means nothing of that dimension was checked.
CREATE TABLE ops.quality_score (
    run_id     bigint       NOT NULL REFERENCES ops.pipeline_run (run_id) ON DELETE CASCADE,
    table_name text         NOT NULL,
    dimension  text         NOT NULL CHECK (dimension IN ('completeness', 'validity', 'consistency', 'timeliness',
                                                          'uniqueness', 'accuracy', 'conformity', 'integrity', 'overall')),
    score      numeric(7,3) CHECK (score BETWEEN 0 AND 100),
    threshold  numeric(7,3),
    passed     boolean      NOT NULL,
    checked    bigint       NOT NULL DEFAULT 0 CHECK (checked >= 0),
    failed     bigint       NOT NULL DEFAULT 0 CHECK (failed >= 0 AND failed <= checked),
    weight     numeric,                                 -- the dimension's weight in the overall score
    PRIMARY KEY (run_id, table_name, dimension)
);
CREATE INDEX quality_score_trend_idx ON ops.quality_score (table_name, dimension, run_id);
COMMENT ON TABLE ops.quality_score IS
    'Data-quality scores per run, table (empty: whole run) and dimension (or overall), against their gate thresholds.';

-- Every rule applied in a run, per table: how many checks, how many failed,
-- and a handful of failing rows (source_line, value, reason, record).
CREATE TABLE ops.quality_failure (
    run_id       bigint  NOT NULL REFERENCES ops.pipeline_run (run_id) ON DELETE CASCADE,
    table_name   text    NOT NULL,
    rule_id      text    NOT NULL,
    dimension    text    NOT NULL,
    severity     text    NOT NULL CHECK (severity IN ('reject', 'count', 'info')), -- as applied in this run
    checked      bigint  NOT NULL DEFAULT 0 CHECK (checked >= 0),
    failed_count bigint  NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
    examples     jsonb   NOT NULL DEFAULT '[]'::jsonb,  -- [{source_line, value, reason, record}]
    PRIMARY KEY (run_id, table_name, rule_id)
);
CREATE INDEX quality_failure_rule_idx ON ops.quality_failure (rule_id, run_id);
COMMENT ON TABLE ops.quality_failure IS
    'Per run, table and rule: checks, failures and example rows (failed_count 0: the rule ran and passed).';

-- Every gate evaluated: overall, each dimension, empty cells, duplicates.
CREATE TABLE ops.quality_gate (
    run_id     bigint  NOT NULL REFERENCES ops.pipeline_run (run_id) ON DELETE CASCADE,
    table_name text    NOT NULL,
    metric     text    NOT NULL,          -- overall, a dimension, null_percent, duplicate_percent
    value      numeric NOT NULL,
    threshold  numeric NOT NULL,
    comparison text    NOT NULL CHECK (comparison IN ('>=', '<=')),
    passed     boolean NOT NULL,
    mode       text    NOT NULL CHECK (mode IN ('fail', 'warn')),
    message    text,                      -- for a failed gate, in words
    PRIMARY KEY (run_id, table_name, metric)
);
COMMENT ON TABLE ops.quality_gate IS 'Per run: every quality gate evaluated, its value, threshold, mode and outcome.';

-- Empty or blank cells per column (the completeness picture behind the
-- null_percent gate). counted = false: an optional column the source left
-- empty in every row (a column it does not have), left out of the gate.
CREATE TABLE ops.quality_null (
    run_id      bigint  NOT NULL REFERENCES ops.pipeline_run (run_id) ON DELETE CASCADE,
    table_name  text    NOT NULL,
    column_name text    NOT NULL,
    cells       bigint  NOT NULL,
    nulls       bigint  NOT NULL CHECK (nulls <= cells),
    counted     boolean NOT NULL DEFAULT true,
    PRIMARY KEY (run_id, table_name, column_name)
);
COMMENT ON TABLE ops.quality_null IS
    'Per run, table and column: cells checked, how many were empty or blank, whether the null_percent gate counts them.';

-- Drill-down from a rule to the quarantined rows it rejected.
CREATE INDEX rejected_row_rule_ids_idx ON quarantine.rejected_row USING gin (rule_ids);
