-- The five schemas of the warehouse (see DESIGN.md, "Warehouse").
-- ops.schema_migrations itself is created by the migrator before any file runs.
CREATE SCHEMA IF NOT EXISTS staging;
COMMENT ON SCHEMA staging IS 'Landing tables loaded with COPY; one set of rows per run (run_id column).';
CREATE SCHEMA IF NOT EXISTS quarantine;
COMMENT ON SCHEMA quarantine IS 'Rejected rows: run, table, source line, raw record and every reason it failed.';
CREATE SCHEMA IF NOT EXISTS dw;
COMMENT ON SCHEMA dw IS 'Star schema: SCD dimensions and monthly-partitioned facts.';
CREATE SCHEMA IF NOT EXISTS mart;
COMMENT ON SCHEMA mart IS 'KPI views for the console and for BI tools.';
COMMENT ON SCHEMA ops IS 'Operations: runs, stage results, quality scores, anomalies, audit trail, migrations.';
