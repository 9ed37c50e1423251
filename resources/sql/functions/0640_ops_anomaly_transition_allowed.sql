-- The triage workflow: the one way a flag's status changes, for every client.
--
--   NEW ──► REVIEWED ──► RESOLVED
--    │         │
--    └────┬────┘
--         ▼
--   FALSE_POSITIVE
--
-- Reopening: RESOLVED or FALSE_POSITIVE back to NEW or REVIEWED (recorded as
-- a reopen). A change names the version of each flag the caller saw; if
-- someone changed it meanwhile the whole change is refused (SQLSTATE EA409)
-- with who changed it, to what and when. A change of many flags is all or
-- none. Each changed flag gets one ops.anomaly_event row and a new version;
-- consoles hear about it on channel 'ecomops_anomaly' at commit.
--
-- SQLSTATEs raised (class EA, "EcomOps anomalies"):
--   EA409  conflict: a flag's version is not the expected one
--   EA422  invalid transition for a flag's current status
--   EA404  a flag does not exist
--   EA400  invalid arguments (unknown status, arrays of different lengths,
--          a flag listed twice, no flags)
-- and 42501 (the database's own permission denied) for a role without
-- EXECUTE on the function.
CREATE OR REPLACE FUNCTION ops.anomaly_transition_allowed(p_from text, p_to text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (p_from, p_to) IN (('NEW', 'REVIEWED'), ('NEW', 'FALSE_POSITIVE'),
                              ('REVIEWED', 'RESOLVED'), ('REVIEWED', 'FALSE_POSITIVE'),
                              ('RESOLVED', 'NEW'), ('RESOLVED', 'REVIEWED'),
                              ('FALSE_POSITIVE', 'NEW'), ('FALSE_POSITIVE', 'REVIEWED'));
COMMENT ON FUNCTION ops.anomaly_transition_allowed(text, text) IS 'The triage workflow: whether a flag may go from one status to another.';
