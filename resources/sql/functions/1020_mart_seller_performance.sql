-- Sellers as an analyst compares them: what they sold in revenue orders,
-- how fast their orders reached the customer against the promised date, and
-- what customers said. A plain view over the refreshed order_summary, so it
-- is always as fresh as the marts.
CREATE OR REPLACE VIEW mart.seller_performance AS
WITH seller_lines AS (
    SELECT l.seller_id, l.order_id, l.quantity, l.line_total, l.freight_value
    FROM dw.fact_order_line l
    JOIN mart.order_summary o ON o.order_id = l.order_id AND o.is_revenue
    WHERE l.seller_id IS NOT NULL
), seller_orders AS (
    SELECT DISTINCT sl.seller_id, sl.order_id FROM seller_lines sl
), delivery AS (
    SELECT so.seller_id,
           count(*) FILTER (WHERE f.delivered_customer_ts IS NOT NULL) AS delivered_orders,
           count(*) FILTER (WHERE f.delivered_customer_ts > f.estimated_delivery_ts) AS late_orders,
           avg(extract(epoch FROM f.delivered_customer_ts - f.order_ts) / 86400.0) AS days_to_deliver
    FROM seller_orders so
    JOIN dw.fact_order f ON f.order_id = so.order_id
    GROUP BY so.seller_id
), reviews AS (
    SELECT so.seller_id, count(r.*) AS reviews, avg(r.score) AS review_score
    FROM seller_orders so
    JOIN dw.fact_review r ON r.order_id = so.order_id
    GROUP BY so.seller_id
)
SELECT sl.seller_id, s.city, s.state,
       count(DISTINCT sl.order_id) AS orders,
       sum(sl.quantity)::bigint AS items,
       sum(sl.line_total) AS revenue,
       sum(sl.freight_value) AS freight,
       d.delivered_orders,
       d.late_orders,
       round(d.late_orders::numeric / nullif(d.delivered_orders, 0), 4) AS late_share,
       round(d.days_to_deliver::numeric, 1) AS days_to_deliver,
       coalesce(rv.reviews, 0) AS reviews,
       round(rv.review_score, 2) AS review_score
FROM seller_lines sl
LEFT JOIN dw.dim_seller s ON s.seller_id = sl.seller_id
LEFT JOIN delivery d ON d.seller_id = sl.seller_id
LEFT JOIN reviews rv ON rv.seller_id = sl.seller_id
GROUP BY sl.seller_id, s.city, s.state, d.delivered_orders, d.late_orders, d.days_to_deliver, rv.reviews, rv.review_score;
COMMENT ON VIEW mart.seller_performance IS
    'Per seller: revenue orders, items, revenue, freight, deliveries late against the estimate, review score.';
