-- Categories → dw.dim_category (type 1).
CREATE OR REPLACE FUNCTION dw.transform_categories(p_run bigint) RETURNS SETOF dw.transform_count
    LANGUAGE plpgsql SET client_min_messages = warning AS $fn$
DECLARE
    counts dw.transform_count;
BEGIN
    counts := dw.open_step(p_run, 'categories', 'w_categories');
    PERFORM dw.flag_duplicates(p_run, 'categories', 'pg_temp.w_categories', ARRAY['category_id']);
    counts := dw.quarantine_step(p_run, counts, 'w_categories');

    -- A parent resolves in this run or in the warehouse; rejecting a parent
    -- can orphan its children, hence the loop (categories are few).
    LOOP
        UPDATE w_categories w
        SET problems = w.problems || dw.problem('transform.reference',
                format('category %s references unknown parent category %s', w.category_id, w.parent_category_id))
        WHERE w.parent_category_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM w_categories p WHERE p.category_id = w.parent_category_id)
          AND NOT EXISTS (SELECT 1 FROM dw.dim_category d WHERE d.category_id = w.parent_category_id);
        EXIT WHEN NOT FOUND;
        counts := dw.quarantine_step(p_run, counts, 'w_categories');
    END LOOP;

    INSERT INTO dw.dim_category AS d (category_id, category_name, parent_category_id, created_run_id, updated_run_id)
    SELECT w.category_id, w.category_name, w.parent_category_id, p_run, p_run
    FROM w_categories w
    ON CONFLICT (category_id) DO UPDATE
        SET category_name = excluded.category_name,
            parent_category_id = excluded.parent_category_id,
            updated_run_id = p_run
        WHERE (d.category_name, d.parent_category_id) IS DISTINCT FROM (excluded.category_name, excluded.parent_category_id);

    DROP TABLE w_categories;
    RETURN NEXT counts;
END
$fn$;
