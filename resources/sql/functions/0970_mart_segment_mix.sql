CREATE OR REPLACE VIEW mart.segment_mix AS SELECT value AS segment, orders, revenue, customers, order_share, revenue_share
                                FROM mart.sales_mix WHERE dimension = 'segment';
