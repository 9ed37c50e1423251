CREATE OR REPLACE VIEW mart.sales_mix AS SELECT * FROM mart.mix_between('-infinity', 'infinity');
