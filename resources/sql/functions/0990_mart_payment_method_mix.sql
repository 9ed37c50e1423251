CREATE OR REPLACE VIEW mart.payment_method_mix AS SELECT value AS payment_method, orders, revenue, customers, order_share, revenue_share
                                       FROM mart.sales_mix WHERE dimension = 'payment_method';
