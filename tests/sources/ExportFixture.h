#pragma once
// Exports as spreadsheets and other tools re-save them: Olist files renamed
// ("olistcustomerdataset.csv", "Olist_Orders.CSV") and padded with thousands
// of records whose every field is empty; a transaction log with values that
// do not fit their columns. Shared by the adapter suite and the end-to-end suite.
#include "SourceTestSupport.h"

namespace ecomops::test {

// `count` empty records of `fields` fields in the ways spreadsheets write
// them: bare commas, quoted empties, spaces, and a narrower run.
inline QByteArray padding(int fields, int count)
{
    QByteArray out;
    const QByteArray bare = QByteArray(fields - 1, ',') + "\r\n";
    QByteArray quoted, spaces;
    for (int i = 0; i < fields; ++i) {
        quoted += QByteArray(i ? ",\"\"" : "\"\"");
        spaces += QByteArray(i ? ", " : " ");
    }
    for (int i = 0; i < count; ++i)
        out += i % 50 == 1   ? quoted + "\r\n"
               : i % 50 == 2 ? spaces + "\r\n"
               : i % 50 == 3 ? QByteArray(",,\r\n")
                             : bare;
    return out;
}

// Six Olist files under renamed names, each padded below its data.
inline void writeRenamedPaddedOlist(const QString &dir, int pad)
{
    writeBytes(dir + QStringLiteral("/olistcustomerdataset.csv"),
               "customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state\r\n"
               "c1,p1,01001,sao paulo,SP\r\nc2,p2,20000,rio de janeiro,RJ\r\n" +
                   padding(5, pad));
    writeBytes(dir + QStringLiteral("/Olist_Orders.CSV"),
               "order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at\r\n"
               "o1,c1,delivered,2017-10-02 10:56:33,2017-10-02 11:07:15\r\n"
               "o2,c2,delivered,2017-11-13 09:00:00,\r\n" +
                   padding(5, pad));
    writeBytes(dir + QStringLiteral("/order-item.csv"),
               "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value\r\n"
               "o1,1,pA,s1,2017-10-06 11:07:15,58.90,13.29\r\n"
               "o2,1,pB,s1,2017-11-20 09:00:00,10.00,5.00\r\n" +
                   padding(7, pad));
    writeBytes(dir + QStringLiteral("/Olist Products Dataset.csv"),
               "product_id,product_category_name\r\npA,beleza_saude\r\npB,\r\n" + padding(2, pad));
    writeBytes(dir + QStringLiteral("/Sellers.csv"), "seller_id,seller_zip_code_prefix,seller_city,seller_state\r\n"
                                                     "s1,13023,campinas,SP\r\n" +
                                                         padding(4, pad));
    writeBytes(dir + QStringLiteral("/olist_order_payment_dataset.csv"),
               "order_id,payment_sequential,payment_type,payment_installments,payment_value\r\n"
               "o1,1,credit_card,8,72.19\r\n" +
                   padding(5, pad));
}

inline const QByteArray kTxnLogHeader =
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

// A transaction log whose lines 3 to 7 each hold a value that does not fit;
// lines 2 and 8 are good. Line 4's Country has a Windows-1252 é (0xE9).
inline QByteArray badValuesLog()
{
    return kTxnLogHeader + "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" +
           "536366,22633,HAND WARMER,1000000000000000,2010-12-01 08:28:00,1.85,13047,United Kingdom\n" +
           QByteArray("536367,22728,ALARM CLOCK,2,2010-12-01 08:30:00,3.75,12583,Cura\xE9\x61o\n") +
           QByteArray("536368,22729,NUL LAMP\0X,2,2010-12-01 08:31:00,3.75,12584,France\n", 64) +
           "536369,22730,GOLD,1,2010-12-01 08:32:00,123456789012.50,12585,Germany\n" +
           "536370,22731,MANY,2000000000,2010-12-01 08:33:00,1000000,12586,Spain\n" +
           "536371,22633,HAND WARMER,2,2010-12-01 08:34:00,1.85,17850,United Kingdom\n";
}

} // namespace ecomops::test
