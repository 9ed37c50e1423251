-- The warehouse helpers (defensive casts, quarantine plumbing, monthly
-- partitions) are functions: they live in functions/ (issue 15). What stays
-- here is the type they share.
-- What every transform step reports for each staged table it read.
CREATE TYPE dw.transform_count AS (
    table_name       text,
    rows_read        bigint,   -- staged rows of the run not quarantined by an earlier stage
    rows_loaded      bigint,   -- of those, rows now represented in dw
    rows_quarantined bigint    -- of those, rows the transform quarantined
);
