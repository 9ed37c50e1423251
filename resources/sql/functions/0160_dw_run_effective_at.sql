-- The instant a run's detected changes take effect (SCD2 versions opened
-- because a customer's address or a product's category changed): when the
-- run started, or was queued if it has not started, to the second, in the
-- session's time zone (the same clock as the naive source timestamps).
CREATE OR REPLACE FUNCTION dw.run_effective_at(p_run bigint) RETURNS timestamp
    LANGUAGE sql STABLE
    RETURN (SELECT date_trunc('second', coalesce(r.started_at, r.queued_at))::timestamp
            FROM ops.pipeline_run r WHERE r.run_id = p_run);
