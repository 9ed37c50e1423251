#pragma once
// The public Olist (Brazilian e-commerce) dataset, as a folder of CSV files,
// turned into the canonical staged tables. The mapping, and why:
//  - customers: keyed by customer_unique_id, the person. Olist's customer_id
//    names one order's customer record, so orders are re-keyed to the person
//    through the customers file (an order whose customer_id is not in it
//    keeps that id and is quarantined downstream as an orphan); a person's
//    further records are merged into the first (counted in the report).
//    Country BR; city, state and postcode prefix as given.
//  - products: product_name is the product_id (the export has no names);
//    the category is the Portuguese name as id with the English translation
//    as its name where one exists; products without a category go to the
//    explicit "uncategorised" category (counted).
//  - orders: purchase time → order_ts and every other timestamp kept;
//    status as given; channel "Marketplace" (option channel=…); payment
//    method of the order's largest payment; amounts from its items (sum of
//    prices, sum of freight as shipping, no discount; 0.00 for an order the
//    export has no items for, counted).
//  - order lines: one item per line (quantity 1), line_no = order_item_id.
//  - payments: id "<order_id>-<payment_sequential>", paid at the order's
//    approval (else purchase) time.
//  - product prices: derived from the items — each change of a product's
//    price, in order of purchase time, is a point of its history.
//  - reviews, sellers, geolocation (one row per postcode prefix): as given.
#include "sources/SourceAdapter.h"

namespace ecomops::sources {

class OlistSource : public SourceAdapter
{
public:
    QString kind() const override { return QStringLiteral("olist"); }
    SourceResult produce(const nlohmann::json &options, const QString &directory, StageObserver &observer,
                         CancelToken &cancel) const override;
};

} // namespace ecomops::sources
