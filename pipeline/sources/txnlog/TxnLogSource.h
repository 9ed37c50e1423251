#pragma once
// A transaction log (one line per sold item: InvoiceNo, StockCode,
// Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country; extra
// columns ignored and reported), a file or a folder of files, turned into
// the canonical staged tables. The mapping, and why:
//  - orders: one per invoice; an invoice starting with "C" is a
//    cancellation (status Cancelled, negative quantities), any other is
//    Completed; channel "Website" (option channel=…); country, customer and
//    time from the invoice's first line; amounts = sum of its line totals,
//    no discount or shipping.
//  - order lines: line_no = the line's position within its invoice in file
//    order (files of a folder in name order), so re-importing the same file
//    gives the same keys and changes nothing; line_total = quantity × price
//    rounded half to even to the cent.
//  - customers: CustomerID with a trailing ".0" removed ("17850.0" →
//    "17850"); an empty CustomerID stays empty: the line is a guest checkout
//    (kept, counted in revenue, not in customer figures), unless the option
//    anonymous_customer=ID names a customer for such lines. Country: the
//    customer's first line's.
//  - a line with a value that does not fit its column (bytes that are not
//    UTF-8, a NUL, a quantity beyond a 32-bit integer, an amount or line
//    total beyond 10 digits before the point) is quarantined whole with its
//    file, line and reason, and feeds no invoice, customer or product.
//  - products: the StockCode, named by its first non-empty description;
//    all in the category "uncategorised" (the log has no categories).
//  - product prices: the price history the log shows — a point wherever a
//    product's unit price changes, in time order (sales with a price above
//    0 only: cancellations and free lines are not list prices).
//  - countries: names → ISO 3166-1 alpha-2 (CountryCodes.h); unknown names
//    are their own code.
//  - dates: ISO, or numeric with the day/month order proven by the data,
//    else stated with date_order=day_first|month_first, else refused.
#include "sources/SourceAdapter.h"

namespace ecomops::sources {

class TxnLogSource : public SourceAdapter
{
public:
    QString kind() const override { return QStringLiteral("txnlog"); }
    SourceResult produce(const nlohmann::json &options, const QString &directory, StageObserver &observer,
                         CancelToken &cancel) const override;
};

} // namespace ecomops::sources
