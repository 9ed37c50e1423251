CREATE OR REPLACE VIEW mart.top_products AS SELECT * FROM mart.top_products_between('-infinity', 'infinity');
