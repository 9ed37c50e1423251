-- A finished run is history: what it was, did and counted no longer
-- changes, except by the owner (a migration). Runs move queued → running →
-- succeeded, failed or cancelled, and a dead run is marked failed while
-- still "running". Other columns (the snapshot's path, which retention may
-- clear) stay writable.
CREATE OR REPLACE FUNCTION ops.keep_finished_runs() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    IF OLD.status IN ('succeeded', 'failed', 'cancelled')
       AND (NEW.run_id, NEW.status, NEW.trigger, NEW.source_kind, NEW.started_by, NEW.db_role, NEW.host, NEW.spec,
            NEW.queued_at, NEW.started_at, NEW.ended_at, NEW.rows_read, NEW.rows_loaded, NEW.rows_quarantined,
            NEW.gate_status, NEW.error_text, NEW.summary)
           IS DISTINCT FROM
           (OLD.run_id, OLD.status, OLD.trigger, OLD.source_kind, OLD.started_by, OLD.db_role, OLD.host, OLD.spec,
            OLD.queued_at, OLD.started_at, OLD.ended_at, OLD.rows_read, OLD.rows_loaded, OLD.rows_quarantined,
            OLD.gate_status, OLD.error_text, OLD.summary)
       AND NOT pg_catalog.pg_has_role(current_user, (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID),
                                      'USAGE') THEN
        RAISE EXCEPTION 'run % has finished (%): its record is history and cannot be changed', OLD.run_id, OLD.status
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE OR REPLACE TRIGGER pipeline_run_keep_history BEFORE UPDATE ON ops.pipeline_run
    FOR EACH ROW EXECUTE FUNCTION ops.keep_finished_runs();
