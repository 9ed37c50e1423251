#pragma once
// A small Olist export written byte for byte, messy in every way the real
// exports are (BOM, CRLF, quoting, US timestamps, file-name variants, a run
// of blank lines, an embedded newline in a review, orphans): shared by the
// adapter suite and the end-to-end suite.
#include "SourceTestSupport.h"

namespace ecomops::test {

inline const QByteArray kBom("\xEF\xBB\xBF");

// A small Olist export, messy in every way the issue lists.
inline void writeOlist(const QString &dir, const QByteArray &orderDates = {})
{
    writeBytes(dir + QStringLiteral("/olist_customers_dataset.csv"),
               kBom + "customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state\r\n"
                      "c1,p1,\"01001\",sao paulo,SP\r\n"
                      "\"c2\",p1,01002,sao paulo,SP\r\n"
                      "c3,p3,20000,rio de janeiro,RJ\r\n");
    // Another exporter: hyphens and capitals, US timestamps, and a run of
    // 200,000 blank lines in the middle.
    writeBytes(dir + QStringLiteral("/Olist-Orders.csv"),
               "order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,"
               "order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date\n" +
                   (orderDates.isEmpty() ? QByteArray("o1,c1,delivered,10/2/2017 10:56,10/2/2017 11:07,10/4/2017 19:55,"
                                                      "10/10/2017 21:25,10/18/2017 0:00\n")
                                         : orderDates) +
                   QByteArray(200000, '\n') + QByteArray("\r\n\r\n") +
                   "\"o2\",\"c2\",\"shipped\",\"11/13/2017 9:00\",,,,11/30/2017 0:00\n"
                   "o3,cX,canceled,12/1/2017 8:00,,,,\n");
    writeBytes(dir + QStringLiteral("/ORDER_ITEMS.CSV"), "\"order_id\",\"order_item_id\",\"product_id\",\"seller_id\","
                                                         "\"shipping_limit_date\",\"price\",\"freight_value\"\n"
                                                         "\"o1\",1,\"pA\",\"s1\",2017-10-06 11:07:15,58.90,13.29\n"
                                                         "\"o1\",2,pB,s1,2017-10-06 11:07:15,10.00,5.00\n"
                                                         "o2,1,pA,s1,2017-11-20 09:00:00,60.00,13.29\n"
                                                         "o9,1,pA,s1,2017-11-20 09:00:00,61.00,1.00\n");
    writeBytes(dir + QStringLiteral("/products_dataset.csv"),
               "product_id,product_category_name,product_name_lenght,product_description_lenght,product_photos_qty,"
               "product_weight_g\n"
               "pA,beleza_saude,40,287,1,225\n"
               "pB,,44,276,1,1000\n");
    writeBytes(dir + QStringLiteral("/product_category_name_translation.csv"),
               kBom + "product_category_name,product_category_name_english\r\nbeleza_saude,health_beauty\r\n");
    writeBytes(dir + QStringLiteral("/olist_order_reviews_dataset.csv"),
               "\"review_id\",\"order_id\",\"review_score\",\"review_comment_title\",\"review_comment_message\","
               "\"review_creation_date\",\"review_answer_timestamp\"\r\n"
               "\"r1\",\"o1\",5,,\"Muito bom,\r\nrecomendo \"\"demais\"\"\",2017-10-11 00:00:00,2017-10-12 03:43:48\r\n"
               "\"r2\",\"o2\",1,\"Ruim\",\"\",2017-11-21 00:00:00,2017-11-22 10:00:00\r\n");
    writeBytes(dir + QStringLiteral("/olist_order_payments_dataset.csv"),
               "order_id,payment_sequential,payment_type,payment_installments,payment_value\n"
               "o1,1,credit_card,8,50.00\n"
               "o1,2,voucher,1,37.19\n"
               "o9,1,boleto,1,62.00\n");
    writeBytes(dir + QStringLiteral("/olist_sellers_dataset.csv"),
               "seller_id,seller_zip_code_prefix,seller_city,seller_state\ns1,13023,campinas,SP\n");
    writeBytes(dir + QStringLiteral("/notes.txt"), "not a data file\n");
}

} // namespace ecomops::test
