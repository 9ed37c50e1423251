-- Every pipeline run and every stage/table inside it.
-- "Nothing is lost": a finished table result must satisfy
-- rows_read = rows_loaded + rows_quarantined, enforced here, not only in code.

CREATE TABLE ops.pipeline_run (
    run_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status          text        NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    trigger         text        NOT NULL DEFAULT 'manual'
                    CHECK (trigger IN ('manual', 'scheduled', 'command_line', 'test')),
    source_kind     text        NOT NULL,
    started_by      text        NOT NULL,                    -- the console / OS user name
    db_role         text        NOT NULL DEFAULT current_user,
    host            text,
    spec            jsonb       NOT NULL,
    snapshot_path   text,
    queued_at       timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    ended_at        timestamptz,
    rows_read       bigint      NOT NULL DEFAULT 0,
    rows_loaded     bigint      NOT NULL DEFAULT 0,
    rows_quarantined bigint     NOT NULL DEFAULT 0,
    gate_status     text        CHECK (gate_status IN ('passed', 'warned', 'failed')),
    error_text      text,
    summary         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    CHECK (ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX pipeline_run_queued_at_idx ON ops.pipeline_run (queued_at DESC);
COMMENT ON TABLE ops.pipeline_run IS 'One row per pipeline run, whoever started it and however.';

CREATE TABLE ops.stage_result (
    run_id           bigint      NOT NULL REFERENCES ops.pipeline_run (run_id) ON DELETE CASCADE,
    stage            text        NOT NULL,   -- source, stage, validate, load, transform, detect, marts
    table_name       text        NOT NULL DEFAULT '',  -- '' for a stage as a whole
    status           text        NOT NULL DEFAULT 'running'
                     CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'skipped')),
    started_at       timestamptz NOT NULL DEFAULT now(),
    ended_at         timestamptz,
    rows_read        bigint      NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
    rows_loaded      bigint      NOT NULL DEFAULT 0 CHECK (rows_loaded >= 0),
    rows_quarantined bigint      NOT NULL DEFAULT 0 CHECK (rows_quarantined >= 0),
    attempts         integer     NOT NULL DEFAULT 1,
    error_text       text,
    detail           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (run_id, stage, table_name),
    CONSTRAINT nothing_is_lost CHECK (status <> 'succeeded' OR rows_read = rows_loaded + rows_quarantined)
);
COMMENT ON TABLE ops.stage_result IS 'Per stage and table: counts that reconcile (read = loaded + quarantined).';

CREATE TABLE ops.run_log (
    run_id   bigint      NOT NULL REFERENCES ops.pipeline_run (run_id) ON DELETE CASCADE,
    seq      integer     NOT NULL,
    at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    level    text        NOT NULL CHECK (level IN ('debug', 'info', 'warning', 'error')),
    stage    text,
    message  text        NOT NULL,
    PRIMARY KEY (run_id, seq)
);
COMMENT ON TABLE ops.run_log IS 'The log of a run at info level and above, for the run history.';
