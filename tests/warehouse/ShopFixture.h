#pragma once
// A small shop, written by hand so that every mart figure can be worked out
// on paper (tst_warehouse_marts.cpp does, in its comments). Three products
// (P1's price changes from 10.00 to 12.00 on 2025-02-15 12:00:00), four
// customers (C1 turns from New to Regular on 2025-02-01), nine orders in
// January–April 2025 in every interesting status.
#include "WarehouseTestSupport.h"

namespace ecomops::test {

inline Snapshot shopSnapshot()
{
    return {
        {"countries", R"(country_code,country_name,region
DE,Germany,Europe
FR,France,Europe
US,United States,North America
)"},
        {"categories", R"(category_id,category_name,parent_category_id
1,Books,
2,Electronics,
3,Novels,1
)"},
        {"products", R"(product_id,product_name,category_id,created_at
P1,Novel A,3,2024-12-01 00:00:00
P2,Phone,2,2024-12-01 00:00:00
P3,Cookbook,1,2024-12-01 00:00:00
)"},
        {"product_prices", R"(product_id,valid_from,unit_price
P1,2025-01-01 00:00:00,10.00
P1,2025-02-15 12:00:00,12.00
P2,2025-01-01 00:00:00,300.00
P3,2025-01-01 00:00:00,25.50
)"},
        {"customers", R"(customer_id,email,first_name,last_name,phone,country_code,city,signup_date
C1,c1@example.com,Anna,Berg,+4930111,DE,Berlin,2024-12-01
C2,c2@example.com,Bruno,Petit,+3311111,FR,Paris,2025-01-05
C3,c3@example.com,Cora,Hill,+1617111,US,Boston,2025-01-20
C4,c4@example.com,Dirk,Maier,+4989111,DE,Munich,2025-03-01
)"},
        {"customer_segments", R"(customer_id,valid_from,segment
C1,2024-12-01 00:00:00,New
C1,2025-02-01 00:00:00,Regular
C2,2025-01-05 00:00:00,VIP
C3,2025-01-20 00:00:00,Occasional
C4,2025-03-01 00:00:00,New
)"},
        {"orders",
         R"(order_id,customer_id,order_ts,channel,status,payment_method,country_code,items_subtotal,discount_total,shipping_fee,order_total
O1,C1,2025-01-10 10:00:00,Website,Completed,Credit Card,DE,45.00,0.50,4.90,49.90
O2,C2,2025-01-15 14:30:00,Mobile App,Delivered,E-Wallet,FR,285.00,15.00,0.00,285.00
O3,C1,2025-02-15 11:59:59,Store,Completed,Cash on Delivery,DE,10.00,0.00,0.00,10.00
O4,C3,2025-02-15 12:00:00,Website,Completed,Bank Transfer,US,36.00,0.00,9.99,45.99
O5,C2,2025-02-20 09:00:00,Website,Cancelled,Credit Card,FR,300.00,0.00,0.00,300.00
O6,C3,2025-03-05 20:00:00,Marketplace,Refunded,E-Wallet,US,51.00,0.00,9.99,60.99
O7,C1,2025-03-10 21:00:00,Mobile App,Shipped,Credit Card,DE,25.50,0.00,4.90,30.40
O8,C4,2025-03-12 08:00:00,Website,Delivered,Bank Transfer,DE,282.00,30.00,0.00,282.00
O9,C2,2025-04-02 12:00:00,Website,Completed,Credit Card,FR,100.00,2.00,0.00,100.00
)"},
        {"order_lines", R"(order_id,line_no,product_id,quantity,unit_price,discount,line_total
O1,1,P1,2,10.00,0.00,20.00
O1,2,P3,1,25.50,0.50,25.00
O2,1,P2,1,300.00,15.00,285.00
O3,1,P1,1,,,
O4,1,P1,3,,,
O5,1,P2,1,300.00,0.00,300.00
O6,1,P3,2,25.50,0.00,51.00
O7,1,P3,1,25.50,0.00,25.50
O8,1,P1,1,12.00,0.00,12.00
O8,2,P2,1,300.00,30.00,270.00
O9,1,P3,4,25.50,2.00,100.00
)"},
        {"payments", R"(payment_id,order_id,paid_ts,method,amount
PAY1,O1,2025-01-10 10:01:00,Credit Card,49.90
PAY2,O2,2025-01-15 14:31:00,E-Wallet,285.00
PAY3,O3,2025-02-15 12:00:30,Cash on Delivery,10.00
PAY4,O4,2025-02-15 12:01:00,Bank Transfer,45.99
PAY8,O8,2025-03-12 08:05:00,Bank Transfer,282.00
PAY9,O9,2025-04-02 12:03:00,Credit Card,100.00
)"},
        {"invoices", R"(invoice_id,order_id,invoice_ts,amount
INV1,O1,2025-01-11 09:00:00,49.90
INV3,O3,2025-02-16 09:00:00,10.00
INV9,O9,2025-04-03 09:00:00,100.00
)"},
        {"events", R"(event_id,session_id,customer_id,event_ts,event_type,product_id
E1,S1,C1,2025-01-10 09:55:00,page_view,P1
E2,S1,C1,2025-01-10 09:58:00,add_to_cart,P1
E3,S2,,2025-01-12 18:00:00,search,
E4,S3,C2,2025-04-02 11:50:00,purchase,P3
)"},
    };
}

} // namespace ecomops::test
