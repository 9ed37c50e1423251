-- A step's counts after p_rejects more of its rows went to the quarantine.
CREATE OR REPLACE FUNCTION dw.add_rejects(p_counts dw.transform_count, p_rejects bigint) RETURNS dw.transform_count
    LANGUAGE sql IMMUTABLE
    RETURN ROW((p_counts).table_name, (p_counts).rows_read, (p_counts).rows_loaded - p_rejects,
               (p_counts).rows_quarantined + p_rejects)::dw.transform_count;
