CREATE OR REPLACE VIEW mart.channel_mix AS SELECT value AS channel, orders, revenue, customers, order_share, revenue_share
                                FROM mart.sales_mix WHERE dimension = 'channel';
