-- Adds a note to a run. SECURITY DEFINER so the roles need no INSERT on
-- ops.run_note: the author is the session's login role, taken here, never a
-- value the client sends. The OS user is the client's word (it is what the
-- person at the console is called), kept beside it.
CREATE OR REPLACE FUNCTION ops.add_run_note(p_run_id bigint, p_note text, p_os_user text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    v_id bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM ops.pipeline_run WHERE run_id = p_run_id) THEN
        RAISE EXCEPTION 'there is no run %', p_run_id USING ERRCODE = 'P0002';
    END IF;
    IF p_note IS NULL OR btrim(p_note) = '' THEN
        RAISE EXCEPTION 'a note needs some text' USING ERRCODE = '22023';
    END IF;
    INSERT INTO ops.run_note (run_id, note, author, os_user)
    VALUES (p_run_id, btrim(p_note), session_user, coalesce(p_os_user, ''))
    RETURNING note_id INTO v_id;
    RETURN v_id;
END
$fn$;
COMMENT ON FUNCTION ops.add_run_note(bigint, text, text) IS
    'Adds a note to a run, written by the session''s login role; returns the note''s id.';
REVOKE ALL ON FUNCTION ops.add_run_note(bigint, text, text) FROM PUBLIC;
