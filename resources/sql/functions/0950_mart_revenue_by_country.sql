CREATE OR REPLACE VIEW mart.revenue_by_country AS SELECT * FROM mart.revenue_by_country_between('-infinity', 'infinity');
