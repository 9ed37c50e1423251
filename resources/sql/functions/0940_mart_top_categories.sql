CREATE OR REPLACE VIEW mart.top_categories AS SELECT * FROM mart.top_categories_between('-infinity', 'infinity');
