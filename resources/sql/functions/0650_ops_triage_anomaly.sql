CREATE OR REPLACE FUNCTION ops.triage_anomaly(p_flag_ids bigint[], p_expected_versions integer[], p_new_status text,
                                   p_note text, p_console_user text)
    RETURNS TABLE (flag_id bigint, from_status text, to_status text, version integer, event_id bigint, changed_at timestamptz)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    -- The role the caller acts as: SET ROLE shows in the "role" setting, which
    -- SECURITY DEFINER does not change (current_user is the owner in here).
    v_role text := CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END;
    v_user text := coalesce(p_console_user, '');
    v_bad record;
    v_ids bigint[];
    v_versions integer[];
    v_chunk integer := 400;  -- flags per notification (payloads are limited to 8000 bytes)
    i integer;
BEGIN
    IF p_flag_ids IS NULL OR cardinality(p_flag_ids) = 0 THEN
        RAISE EXCEPTION 'no flags to change' USING ERRCODE = 'EA400';
    END IF;
    IF p_expected_versions IS NULL OR cardinality(p_expected_versions) <> cardinality(p_flag_ids) THEN
        RAISE EXCEPTION 'each flag needs its expected version (% flags, % versions)',
            cardinality(p_flag_ids), coalesce(cardinality(p_expected_versions), 0) USING ERRCODE = 'EA400';
    END IF;
    IF array_position(p_flag_ids, NULL) IS NOT NULL OR array_position(p_expected_versions, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'flag ids and versions must not be null' USING ERRCODE = 'EA400';
    END IF;
    IF (SELECT count(DISTINCT x) FROM unnest(p_flag_ids) x) <> cardinality(p_flag_ids) THEN
        RAISE EXCEPTION 'a flag is listed more than once' USING ERRCODE = 'EA400';
    END IF;
    IF p_new_status IS NULL OR p_new_status NOT IN ('NEW', 'REVIEWED', 'RESOLVED', 'FALSE_POSITIVE') THEN
        RAISE EXCEPTION 'unknown status %', coalesce(quote_literal(p_new_status), 'NULL') USING ERRCODE = 'EA400',
            HINT = 'The statuses are NEW, REVIEWED, RESOLVED and FALSE_POSITIVE.';
    END IF;

    -- Lock the flags in id order, so two bulk changes cannot deadlock; a
    -- second writer waits here and then sees the first one's version.
    PERFORM 1 FROM ops.anomaly_flag f WHERE f.flag_id = ANY (p_flag_ids) ORDER BY f.flag_id FOR UPDATE;

    SELECT x.id INTO v_bad
    FROM unnest(p_flag_ids) AS x(id)
    WHERE NOT EXISTS (SELECT 1 FROM ops.anomaly_flag f WHERE f.flag_id = x.id)
    ORDER BY x.id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'flag % does not exist', v_bad.id USING ERRCODE = 'EA404',
            DETAIL = json_build_object('flag_id', v_bad.id)::text;
    END IF;

    SELECT f.flag_id AS id, f.status, f.version, x.expected, f.status_changed_by, f.status_changed_user,
           f.status_changed_at
    INTO v_bad
    FROM unnest(p_flag_ids, p_expected_versions) AS x(id, expected)
    JOIN ops.anomaly_flag f ON f.flag_id = x.id
    WHERE f.version <> x.expected
    ORDER BY f.flag_id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%', CASE WHEN v_bad.status_changed_by IS NULL
                THEN format('flag %s is at version %s, not %s', v_bad.id, v_bad.version, v_bad.expected)
                ELSE format('flag %s was changed by %s%s to %s at %s (version %s, you had version %s)',
                            v_bad.id, v_bad.status_changed_by,
                            CASE WHEN coalesce(v_bad.status_changed_user, '') = '' THEN ''
                                 ELSE format(' (console user %s)', v_bad.status_changed_user) END,
                            v_bad.status, to_char(v_bad.status_changed_at, 'YYYY-MM-DD HH24:MI:SS TZ'),
                            v_bad.version, v_bad.expected) END
            USING ERRCODE = 'EA409',
                  DETAIL = json_build_object('flag_id', v_bad.id, 'status', v_bad.status, 'version', v_bad.version,
                                             'expected_version', v_bad.expected,
                                             'changed_by', v_bad.status_changed_by,
                                             'console_user', v_bad.status_changed_user,
                                             'changed_at', v_bad.status_changed_at,
                                             'changed_at_ms', (extract(epoch FROM v_bad.status_changed_at) * 1000)::bigint)::text,
                  HINT = 'Reload the flag and decide again.';
    END IF;

    SELECT f.flag_id AS id, f.status INTO v_bad
    FROM ops.anomaly_flag f
    WHERE f.flag_id = ANY (p_flag_ids) AND NOT ops.anomaly_transition_allowed(f.status, p_new_status)
    ORDER BY f.flag_id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'flag % cannot go from % to %', v_bad.id, v_bad.status, p_new_status USING ERRCODE = 'EA422',
            DETAIL = json_build_object('flag_id', v_bad.id, 'status', v_bad.status, 'new_status', p_new_status)::text,
            HINT = 'NEW → REVIEWED → RESOLVED; FALSE_POSITIVE from NEW or REVIEWED; RESOLVED and FALSE_POSITIVE reopen to NEW or REVIEWED.';
    END IF;

    RETURN QUERY
    WITH old AS (
        SELECT f.flag_id, f.status FROM ops.anomaly_flag f WHERE f.flag_id = ANY (p_flag_ids)
    ), changed AS (
        UPDATE ops.anomaly_flag f
        SET status = p_new_status, version = f.version + 1, status_changed_at = now(),
            status_changed_by = v_role, status_changed_user = v_user
        WHERE f.flag_id = ANY (p_flag_ids)
        RETURNING f.flag_id, f.version
    ), events AS (
        INSERT INTO ops.anomaly_event AS e
            (flag_id, at, db_role, session_role, console_user, from_status, to_status, note, is_reopen, version)
        SELECT c.flag_id, now(), v_role, session_user, v_user, o.status, p_new_status, p_note,
               o.status IN ('RESOLVED', 'FALSE_POSITIVE'), c.version
        FROM changed c JOIN old o ON o.flag_id = c.flag_id
        ORDER BY c.flag_id
        RETURNING e.flag_id, e.from_status, e.to_status, e.version, e.event_id, e.at
    )
    SELECT e.flag_id, e.from_status, e.to_status, e.version, e.event_id, e.at FROM events e ORDER BY e.flag_id;

    SELECT array_agg(f.flag_id ORDER BY f.flag_id), array_agg(f.version ORDER BY f.flag_id)
    INTO v_ids, v_versions
    FROM ops.anomaly_flag f WHERE f.flag_id = ANY (p_flag_ids);
    i := 1;
    WHILE i <= cardinality(v_ids) LOOP
        PERFORM pg_notify('ecomops_anomaly',
                          json_build_object('kind', 'triage',
                                            'flag_ids', v_ids[i:i + v_chunk - 1],
                                            'versions', v_versions[i:i + v_chunk - 1],
                                            'status', p_new_status, 'db_role', v_role,
                                            'console_user', left(v_user, 200), 'at', now(), 'at_ms', (extract(epoch FROM now()) * 1000)::bigint)::text);
        i := i + v_chunk;
    END LOOP;
END
$fn$;
COMMENT ON FUNCTION ops.triage_anomaly(bigint[], integer[], text, text, text) IS
    'Changes the status of flags (all or none) with optimistic concurrency, records ops.anomaly_event and notifies ecomops_anomaly.';
REVOKE ALL ON FUNCTION ops.triage_anomaly(bigint[], integer[], text, text, text) FROM PUBLIC;
