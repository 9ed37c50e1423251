-- The transform stage's steps, in the order the engine runs them: dimensions
-- first, then the facts that reference them; the Olist steps (zip codes,
-- sellers, fulfilment, reviews) only see rows from sources that stage them.
-- Step <name> is dw.transform_<name>(run_id). This list is the only one: the
-- engine reads it (pipeline/warehouse/Warehouse.cpp), and tst_warehouse_transform
-- checks that every dw.transform_* function is in it. The cast to
-- regprocedure fails loudly on a step without its function.
CREATE OR REPLACE FUNCTION dw.transform_steps()
    RETURNS TABLE (step_no integer, step text, fn regprocedure)
    LANGUAGE sql STABLE AS $fn$
    SELECT s.step_no, s.step, ('dw.transform_' || s.step || '(bigint)')::regprocedure
    FROM (VALUES (1, 'countries'), (2, 'categories'), (3, 'products'), (4, 'customers'), (5, 'zip_codes'),
                 (6, 'sellers'), (7, 'orders'), (8, 'order_lines'), (9, 'fulfilment'), (10, 'payments'),
                 (11, 'invoices'), (12, 'reviews'), (13, 'events')) AS s (step_no, step)
    ORDER BY s.step_no
$fn$;
COMMENT ON FUNCTION dw.transform_steps() IS 'The transform steps in the order the engine runs them, with their functions.';
