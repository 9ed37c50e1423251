-- Notes on past runs (issue 18, "acting on past runs"): why a run failed,
-- what was done about it, that it was re-run. A note is written once and
-- kept with its run; it is added only through ops.add_run_note
-- (functions/0735), which records who wrote it from the session itself, so
-- the author cannot be forged. Operators and stewards may add notes.
CREATE TABLE ops.run_note (
    note_id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id     bigint      NOT NULL REFERENCES ops.pipeline_run (run_id) ON DELETE CASCADE,
    note       text        NOT NULL CHECK (btrim(note) <> '' AND length(note) <= 4000),
    author     text        NOT NULL,            -- the database role that logged in (session_user)
    os_user    text        NOT NULL DEFAULT '', -- the operating-system user the client names
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX run_note_run_idx ON ops.run_note (run_id, created_at);
COMMENT ON TABLE ops.run_note IS 'Notes on runs: text, who (database role and OS user) and when.';
