#pragma once
// The rule catalogue: every data-quality rule the validate stage applies, as
// data — its id, table, columns, dimension, severity, how it is checked and a
// description a steward can read. Row rules run in the loader's streaming
// pass (RowRules), set rules in SQL over the run's staged rows (SetRules);
// load rules are enforced by the loader itself and only scored here. The same
// list is written to ops.quality_rule for the console.
#include "quality/Dimension.h"

#include <string>
#include <string_view>
#include <vector>

namespace ecomops::quality {

enum class Check {
    // Row rules: one record at a time.
    Present,         // a required field has a value
    Parses,          // the value parses as the column's type
    Email,           // a well-formed address
    CountryFormat,   // two upper-case letters
    CountryCode,     // an assigned ISO 3166-1 alpha-2 code
    Phone,           // 7 to 15 digits
    ProductCode,     // a product code: letters, digits, . _ / -
    Cents,           // money with at most two decimals
    InSet,           // one of the allowed values
    NotNegative,     // >= 0 (cancellations exempt where the table has orders)
    NotZero,         // != 0
    QuantitySign,    // quantity != 0, negative only on cancellations
    NotFuture,       // not after the run's time (plus a tolerance)
    InWindow,        // not older than the source's window
    OrderTotal,      // order_total = items_subtotal - discount_total + shipping_fee
    LineTotal,       // line_total = quantity * unit_price - discount
    NotBeforeColumn, // a timestamp is not before another of the same row
    // Set rules: SQL over all of the run's staged rows.
    Unique,               // the business key occurs once (the first line wins)
    Reference,            // the value exists in another table of the run or the warehouse
    ParentAccepted,       // the referenced row was not itself rejected (info)
    SubtotalMatchesLines, // items_subtotal = the sum of the order's line totals
    NotBeforeParent,      // a timestamp is not before its parent row's timestamp
    PriceInRange,         // a price lies within the product's known price range
    // Enforced elsewhere, scored here.
    WellFormedCsv, // the loader: a valid CSV record
    Utf8,          // the loader: valid UTF-8 text
    SnapshotFresh, // the snapshot is not older than allowed
    // Enforced by the transform (split-stream), scored after it.
    TransformResolves, // references resolve (transform.reference)
    TransformRequired, // the fields the warehouse needs are there (transform.required)
    TransformType,     // the values cast to the warehouse's types (transform.type)
    TransformUnique,   // the business key occurs once (transform.duplicate)
    TransformPrice,    // a line without a price finds one in effect (transform.price)
};

enum class RuleKind { Row, Set, Load, Snapshot, Transform };

const char *toString(Check check);
const char *toString(RuleKind kind);
RuleKind kindOf(Check check);

struct Rule {
    std::string id;                   // "orders.order_ts.not_future"
    std::string table;                // a staged table, or "*" for every table
    std::vector<std::string> columns; // the columns it reads, the checked one first
    Dimension dimension = Dimension::Validity;
    Severity severity = Severity::Count;
    Check check = Check::Present;
    std::string description;
    // For rules that look at another table: Reference / ParentAccepted
    // (refTable.refKey is the referenced key), NotBeforeParent (refColumn is
    // the parent's timestamp), SubtotalMatchesLines (the lines table and its
    // order key, refColumn the line total), PriceInRange (the price history).
    std::string refTable;
    std::string refKey;
    std::string refColumn;
    // Where earlier runs keep the referenced rows, e.g. dw.dim_customer /
    // customer_id (and, for PriceInRange, its price column).
    std::string warehouseTable;
    std::string warehouseKey;
    std::string warehouseValue;
    std::vector<std::string> values;  // InSet: the allowed values by default
    bool cancellationsExempt = false; // NotNegative: a cancellation's amounts may be negative
    bool optionalParent = false;      // Reference: skipped when the run has no row of refTable (an optional file)

    RuleKind kind() const { return kindOf(check); }
    bool appliesTo(std::string_view tableName) const { return table == "*" || table == tableName; }
};

const std::vector<Rule> &ruleCatalog();
const Rule *findRule(std::string_view id);

// Values compare case-insensitively, with ' ', '-' and '_' alike:
// "E-Wallet", "e_wallet" and "E wallet" are one value.
std::string normalizedDomainValue(std::string_view value);

} // namespace ecomops::quality
