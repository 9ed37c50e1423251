-- Real exports tell the truth (issue 12).
--
-- 1. Every row read is accounted for: a table's stage row now says how many
--    rows the transform rejected (unresolvable references, split-stream) and
--    how many empty records (spreadsheet padding) were skipped, and the
--    constraint enforces read = loaded + quarantined + rejected + skipped.
-- 2. Empty is not unknown: an order without a customer is a guest checkout.
--    It enters the facts with customer_id NULL and customer_sk 0, the
--    "Unknown customer" member of dw.dim_customer: one well-known key, never
--    versioned, never counted as a customer (marts filter it out).

ALTER TABLE ops.stage_result
    ADD COLUMN rows_rejected bigint NOT NULL DEFAULT 0 CHECK (rows_rejected >= 0),
    ADD COLUMN rows_skipped  bigint NOT NULL DEFAULT 0 CHECK (rows_skipped >= 0);
ALTER TABLE ops.stage_result DROP CONSTRAINT nothing_is_lost;
ALTER TABLE ops.stage_result ADD CONSTRAINT nothing_is_lost
    CHECK (status <> 'succeeded' OR rows_read = rows_loaded + rows_quarantined + rows_rejected + rows_skipped);
COMMENT ON COLUMN ops.stage_result.rows_rejected IS 'Rows the transform could not resolve (split-stream rejects, in quarantine).';
COMMENT ON COLUMN ops.stage_result.rows_skipped IS 'Records in which every field was empty (spreadsheet padding): skipped, not quarantined.';
COMMENT ON TABLE ops.stage_result IS
    'Per stage and table: counts that reconcile (read = loaded + quarantined + rejected + skipped).';

ALTER TABLE ops.pipeline_run
    ADD COLUMN rows_rejected bigint NOT NULL DEFAULT 0,
    ADD COLUMN rows_skipped  bigint NOT NULL DEFAULT 0;

-- The unknown customer.
ALTER TABLE dw.fact_order ALTER COLUMN customer_id DROP NOT NULL;
COMMENT ON COLUMN dw.fact_order.customer_id IS 'NULL for a guest checkout (customer_sk is then dw.unknown_customer_sk()).';

INSERT INTO dw.dim_customer (customer_sk, customer_id, valid_from, change_kind, first_name, created_run_id, updated_run_id)
OVERRIDING SYSTEM VALUE
VALUES (0, '', '-infinity', 'first', 'Unknown customer', 0, 0);

-- Rules the transform enforces (transform.reference, …) are scored after it.
ALTER TABLE ops.quality_rule DROP CONSTRAINT quality_rule_kind_check;
ALTER TABLE ops.quality_rule ADD CONSTRAINT quality_rule_kind_check
    CHECK (kind IN ('row', 'set', 'load', 'snapshot', 'transform'));
