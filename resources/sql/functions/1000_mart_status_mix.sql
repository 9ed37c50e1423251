CREATE OR REPLACE VIEW mart.status_mix AS SELECT * FROM mart.status_mix_between('-infinity', 'infinity');
