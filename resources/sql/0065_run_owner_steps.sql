-- The steps of a run that PostgreSQL reserves to a table's owner, as
-- SECURITY DEFINER functions, so that a member of ecomops_operator (not the
-- owner) can run the pipeline: creating, attaching and dropping a run's
-- staging partitions (CREATE TABLE, ALTER TABLE … ATTACH PARTITION and DROP
-- TABLE need ownership of the partitioned table), creating the monthly fact
-- partitions the transform needs, refreshing the marts (REFRESH
-- MATERIALIZED VIEW needs ownership), and removing the rows a run in
-- progress wrote before it retries or gives up (the operator has no DELETE
-- on run history: these only touch a run that has not finished).
--
-- Each function runs as its owner (the role that migrates), so each one:
--   * pins search_path to pg_catalog, pg_temp and names every object with
--     its schema, so no caller's object can stand in for ours;
--   * takes names only as identifiers it checks against the catalogue
--     (a partitioned table of staging, a materialized view of mart) and
--     quotes them with format('%I');
--   * is executable only by the roles ops.grant_ecomops_privileges() names.
-- Replacing one later (CREATE OR REPLACE) must repeat SECURITY DEFINER and
-- the SET clause: CREATE OR REPLACE resets both.

-- Two helpers, called by the functions below (as their owner); no role
-- needs them directly. A run may only change its own rows while it has not
-- finished.
CREATE FUNCTION ops.require_unfinished_run(p_run bigint) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_status text;
BEGIN
    SELECT r.status INTO v_status FROM ops.pipeline_run r WHERE r.run_id = p_run;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'run % does not exist', p_run USING ERRCODE = '22023';
    END IF;
    IF v_status NOT IN ('queued', 'running') THEN
        RAISE EXCEPTION 'run % has finished (%): its records are history and cannot be changed', p_run, v_status
            USING ERRCODE = '42501';
    END IF;
END
$fn$;

-- The partitioned staging table p_table, or an error.
CREATE FUNCTION ops.staging_parent(p_table text) RETURNS regclass
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_oid oid;
BEGIN
    SELECT c.oid INTO v_oid
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'staging' AND c.relname = p_table AND c.relkind = 'p';
    IF v_oid IS NULL THEN
        RAISE EXCEPTION '"%" is not a staging table', p_table USING ERRCODE = '42P01';
    END IF;
    RETURN v_oid::regclass;
END
$fn$;

-- A new, empty, detached partition staging.<table>_r<run> for the run's
-- COPY (replacing one left by an earlier attempt). Created inside the
-- caller's transaction, so COPY … FREEZE is allowed and a rollback leaves
-- nothing. Returns the partition's qualified name.
CREATE FUNCTION ops.create_staging_partition(p_table text, p_run bigint) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_parent regclass := ops.staging_parent(p_table);
    v_part text := pg_catalog.format('staging.%I', p_table || '_r' || p_run);
BEGIN
    PERFORM ops.require_unfinished_run(p_run);
    IF pg_catalog.to_regclass(v_part) IS NOT NULL THEN  -- (no NOTICE from DROP … IF EXISTS)
        EXECUTE pg_catalog.format('DROP TABLE %s', v_part);
    END IF;
    EXECUTE pg_catalog.format('CREATE TABLE %s (LIKE %s INCLUDING DEFAULTS)', v_part, v_parent);
    EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN run_id SET DEFAULT %s, ADD CHECK (run_id = %s)',
                              v_part, p_run, p_run);
    -- The same rights as on the parent, whatever default privileges say.
    EXECUTE pg_catalog.format('GRANT SELECT, INSERT ON %s TO ecomops_operator', v_part);
    RETURN v_part;
END
$fn$;

-- Attaches the partition made by create_staging_partition (its CHECK lets
-- ATTACH skip the validation scan).
CREATE FUNCTION ops.attach_staging_partition(p_table text, p_run bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_parent regclass := ops.staging_parent(p_table);
BEGIN
    PERFORM ops.require_unfinished_run(p_run);
    EXECUTE pg_catalog.format('ALTER TABLE %s ATTACH PARTITION staging.%I FOR VALUES IN (%s)',
                              v_parent, p_table || '_r' || p_run, p_run);
END
$fn$;

-- Drops the run's staging partitions (of one table, or all when p_table is
-- NULL), attached or not, of a run that did not succeed. Returns how many.
CREATE FUNCTION ops.drop_staging_partitions(p_run bigint, p_table text DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_status text;
    v_part record;
    v_dropped integer := 0;
BEGIN
    SELECT r.status INTO v_status FROM ops.pipeline_run r WHERE r.run_id = p_run;
    IF v_status = 'succeeded' THEN
        RAISE EXCEPTION 'run % succeeded: its staging is history and is not dropped', p_run USING ERRCODE = '42501';
    END IF;
    FOR v_part IN
        SELECT c.relname
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_class p ON p.relnamespace = n.oid AND p.relkind = 'p'
        WHERE n.nspname = 'staging' AND c.relkind = 'r'
          AND c.relname = p.relname || '_r' || p_run
          AND (p_table IS NULL OR p.relname = p_table)
    LOOP
        EXECUTE pg_catalog.format('DROP TABLE staging.%I', v_part.relname);
        v_dropped := v_dropped + 1;
    END LOOP;
    RETURN v_dropped;
END
$fn$;

-- Removes what an unfinished run wrote before an attempt is repeated or the
-- run is undone:
--   'load'     the table's rows quarantined at load (p_table required)
--   'validate' the quality results and the rows quarantined by validation
--   'run'      every quarantined row and quality result of the run
-- Returns the rows removed.
CREATE FUNCTION ops.discard_run_rows(p_run bigint, p_scope text, p_table text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_rows bigint := 0;
    v_n bigint;
BEGIN
    PERFORM ops.require_unfinished_run(p_run);
    IF p_scope = 'load' THEN
        IF p_table IS NULL THEN
            RAISE EXCEPTION 'discarding load rows needs a table' USING ERRCODE = '22023';
        END IF;
        DELETE FROM quarantine.rejected_row q WHERE q.run_id = p_run AND q.stage = 'load' AND q.table_name = p_table;
        GET DIAGNOSTICS v_rows = ROW_COUNT;
        RETURN v_rows;
    ELSIF p_scope NOT IN ('validate', 'run') THEN
        RAISE EXCEPTION 'unknown scope "%" (load, validate or run)', p_scope USING ERRCODE = '22023';
    END IF;
    DELETE FROM ops.quality_failure x WHERE x.run_id = p_run;
    GET DIAGNOSTICS v_n = ROW_COUNT; v_rows := v_rows + v_n;
    DELETE FROM ops.quality_score x WHERE x.run_id = p_run;
    GET DIAGNOSTICS v_n = ROW_COUNT; v_rows := v_rows + v_n;
    DELETE FROM ops.quality_gate x WHERE x.run_id = p_run;
    GET DIAGNOSTICS v_n = ROW_COUNT; v_rows := v_rows + v_n;
    DELETE FROM ops.quality_null x WHERE x.run_id = p_run;
    GET DIAGNOSTICS v_n = ROW_COUNT; v_rows := v_rows + v_n;
    DELETE FROM ops.quality_run x WHERE x.run_id = p_run;
    GET DIAGNOSTICS v_n = ROW_COUNT; v_rows := v_rows + v_n;
    DELETE FROM quarantine.rejected_row q
    WHERE q.run_id = p_run AND (p_scope = 'run' OR q.stage = 'validate');
    GET DIAGNOSTICS v_n = ROW_COUNT; v_rows := v_rows + v_n;
    RETURN v_rows;
END
$fn$;

-- REFRESH of one materialized view of mart.
CREATE FUNCTION ops.refresh_mart(p_mart text, p_concurrently boolean) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'mart' AND c.relname = p_mart AND c.relkind = 'm') THEN
        RAISE EXCEPTION '"%" is not a materialized view of mart', p_mart USING ERRCODE = '42P01';
    END IF;
    EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW %s mart.%I',
                              CASE WHEN p_concurrently THEN 'CONCURRENTLY' ELSE '' END, p_mart);
END
$fn$;

-- The monthly fact partitions (0010), now created as the owner: the
-- transform runs as the operator, and CREATE TABLE … PARTITION OF needs
-- ownership of the fact. Only RANGE-partitioned tables of dw qualify.
CREATE OR REPLACE FUNCTION dw.ensure_month_partitions(p_parent regclass, p_from date, p_to date) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    parent_schema text;
    parent_name text;
    m date;
    part text;
    created integer := 0;
BEGIN
    IF p_from IS NULL OR p_to IS NULL THEN
        RETURN 0;
    END IF;
    SELECT n.nspname, c.relname INTO parent_schema, parent_name
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_partitioned_table pt ON pt.partrelid = c.oid
    WHERE c.oid = p_parent AND n.nspname = 'dw' AND pt.partstrat = 'r';
    IF parent_name IS NULL THEN
        RAISE EXCEPTION '% is not a month-partitioned fact of dw', p_parent USING ERRCODE = '42501';
    END IF;
    FOR m IN SELECT pg_catalog.generate_series(pg_catalog.date_trunc('month', p_from), pg_catalog.date_trunc('month', p_to),
                                               interval '1 month')::date LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
                       WHERE i.inhparent = p_parent
                         AND pg_catalog.pg_get_expr(c.relpartbound, c.oid)
                             = pg_catalog.format('FOR VALUES FROM (%L) TO (%L)', m, (m + interval '1 month')::date)) THEN
            part := pg_catalog.format('%s_p%s', parent_name, pg_catalog.to_char(m, 'YYYY_MM'));
            EXECUTE pg_catalog.format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
                                      parent_schema, part, parent_schema, parent_name, m, (m + interval '1 month')::date);
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$fn$;

-- Detection runs as the owner: flags are created only by flag_anomalies,
-- and the baselines they are measured against only by
-- refresh_anomaly_baselines; no role may write either table. Both name
-- every object with its schema already (0030).
ALTER FUNCTION ops.flag_anomalies(bigint, text[]) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION ops.refresh_anomaly_baselines(text, double precision, integer, double precision, text[], bigint, interval)
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp;

-- A finished run is history: what it was, did and counted no longer
-- changes, except by the owner (a migration). Runs move queued → running →
-- succeeded, failed or cancelled, and a dead run is marked failed while
-- still "running". Other columns (the snapshot's path, which retention may
-- clear) stay writable.
CREATE FUNCTION ops.keep_finished_runs() RETURNS trigger
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
CREATE TRIGGER pipeline_run_keep_history BEFORE UPDATE ON ops.pipeline_run
    FOR EACH ROW EXECUTE FUNCTION ops.keep_finished_runs();
