#include "quality/RuleDefinitions.h"

#include "staging/Catalog.h"

namespace ecomops::quality {
namespace {

using D = Dimension;
using S = Severity;
using C = Check;

struct Reference {
    const char *table;
    const char *column;
    const char *refTable;
    const char *refKey;
    const char *warehouseTable; // "" when the warehouse does not keep them
    const char *warehouseKey;
    D dimension;
    const char *what; // "customer", in descriptions
    S severity = S::Reject;
    bool optionalParent = false; // only checked when the run brings the referenced table
};

// Every reference a staged row makes to another row. Integrity references
// also get an info rule: the referenced row exists but was rejected.
const Reference kReferences[] = {
    {"categories", "parent_category_id", "categories", "category_id", "dw.dim_category", "category_id", D::Integrity,
     "category"},
    {"products", "category_id", "categories", "category_id", "dw.dim_category", "category_id", D::Integrity,
     "category"},
    {"product_prices", "product_id", "products", "product_id", "dw.dim_product", "product_id", D::Integrity, "product"},
    {"customers", "country_code", "countries", "country_code", "dw.dim_country", "country_code", D::Accuracy,
     "country"},
    {"customer_segments", "customer_id", "customers", "customer_id", "dw.dim_customer", "customer_id", D::Integrity,
     "customer"},
    {"orders", "customer_id", "customers", "customer_id", "dw.dim_customer", "customer_id", D::Integrity, "customer"},
    {"orders", "country_code", "countries", "country_code", "dw.dim_country", "country_code", D::Accuracy, "country"},
    {"order_lines", "order_id", "orders", "order_id", "dw.fact_order", "order_id", D::Integrity, "order"},
    {"order_lines", "product_id", "products", "product_id", "dw.dim_product", "product_id", D::Integrity, "product"},
    {"payments", "order_id", "orders", "order_id", "dw.fact_order", "order_id", D::Integrity, "order"},
    {"invoices", "order_id", "orders", "order_id", "dw.fact_order", "order_id", D::Integrity, "order"},
    {"events", "customer_id", "customers", "customer_id", "dw.dim_customer", "customer_id", D::Integrity, "customer"},
    {"events", "product_id", "products", "product_id", "dw.dim_product", "product_id", D::Integrity, "product"},
    {"reviews", "order_id", "orders", "order_id", "dw.fact_order", "order_id", D::Integrity, "order"},
    // Real sources' extras that the warehouse does not resolve: counted, not rejected.
    {"order_lines", "seller_id", "sellers", "seller_id", "", "", D::Integrity, "seller", S::Count, true},
    {"customers", "zip_code", "zip_codes", "zip_code", "", "", D::Integrity, "postcode", S::Count, true},
    {"sellers", "zip_code", "zip_codes", "zip_code", "", "", D::Integrity, "postcode", S::Count, true},
};

const char *const kExceptCancellations =
    " (except on a cancellation: an order_id starting with the cancellation prefix, 'C' by default)";

const std::vector<std::string> kChannels = {"Website", "Mobile App", "Marketplace", "Store"};
// The synthetic shop's statuses, then those of the Olist export.
const std::vector<std::string> kStatuses = {"Completed", "Delivered", "Shipped",  "Processing",
                                            "Pending",   "Cancelled", "Refunded", "canceled",
                                            "invoiced",  "approved",  "created",  "unavailable"};
const std::vector<std::string> kPaymentMethods = {"Bank Transfer", "Credit Card", "Cash on Delivery", "E-Wallet",
                                                  "debit_card",    "boleto",      "voucher"};
const std::vector<std::string> kSegments = {"VIP", "Regular", "Occasional", "New"};
const std::vector<std::string> kEventTypes = {"page_view", "add_to_cart", "search", "purchase", "remove_from_cart"};

Rule rule(std::string table, std::string check, std::vector<std::string> columns, D dimension, S severity, C kind,
          std::string description)
{
    Rule r;
    r.id = table + "." + check;
    r.table = std::move(table);
    r.columns = std::move(columns);
    r.dimension = dimension;
    r.severity = severity;
    r.check = kind;
    r.description = std::move(description);
    return r;
}

Rule inSet(const std::string &table, const std::string &column, std::vector<std::string> values)
{
    std::string list;
    for (const auto &v : values)
        list += (list.empty() ? "" : ", ") + v;
    Rule r = rule(table, column + ".in_set", {column}, D::Validity, S::Count, C::InSet,
                  column + ", when given, is one of: " + list +
                      " (case, spaces, '-' and '_' do not matter; the run spec can change the list).");
    r.values = std::move(values);
    return r;
}

Rule notFuture(const std::string &table, const std::string &column, S severity)
{
    return rule(table, column + ".not_future", {column}, D::Timeliness, severity, C::NotFuture,
                column +
                    " is not later than the run's start (plus the tolerance in the run spec, 24 hours by default).");
}

Rule inWindow(const std::string &table, const std::string &column)
{
    return rule(table, column + ".in_window", {column}, D::Timeliness, S::Count, C::InWindow,
                column + " is not older than the source's window (rules.window_days in the run spec; off when 0).");
}

Rule cents(const std::string &table, std::vector<std::string> columns)
{
    std::string list;
    for (const auto &c : columns)
        list += (list.empty() ? "" : ", ") + c;
    const std::string id = columns.size() == 1 ? columns.front() : std::string("amounts");
    return rule(table, id + ".cents", std::move(columns), D::Conformity, S::Count, C::Cents,
                list + ": money written with at most two decimals.");
}

Rule notNegative(const std::string &table, std::vector<std::string> columns, S severity, const std::string &extra = {})
{
    std::string list;
    for (const auto &c : columns)
        list += (list.empty() ? "" : ", ") + c;
    const std::string id = columns.size() == 1 ? columns.front() : std::string("amounts");
    Rule r = rule(table, id + ".not_negative", std::move(columns), D::Validity, severity, C::NotNegative,
                  list + " is not negative" + extra + ".");
    r.cancellationsExempt = !extra.empty();
    return r;
}

Rule productCode(const std::string &table)
{
    return rule(table, "product_id.code", {"product_id"}, D::Conformity, S::Count, C::ProductCode,
                "product_id is a product code: 1 to 64 letters, digits, '.', '_', '/' or '-', no spaces.");
}

Rule iso2(const std::string &table)
{
    return rule(table, "country_code.iso2", {"country_code"}, D::Conformity, S::Count, C::CountryFormat,
                "country_code is written as two upper-case letters (ISO 3166-1 alpha-2 form).");
}

Rule notBeforeParent(const std::string &table, const std::string &column, const std::string &key,
                     const std::string &parent, const std::string &parentColumn, const std::string &what)
{
    Rule r = rule(table, column + ".after_" + what, {column, key}, D::Consistency, S::Count, C::NotBeforeParent,
                  column + " is not before the " + what + "'s " + parentColumn + " (compared with the " + what +
                      " in the same run when that " + what + " was not rejected).");
    r.refTable = parent;
    r.refKey = key;
    r.refColumn = parentColumn;
    return r;
}

Rule notBeforeColumn(const std::string &table, const std::string &column, const std::string &other)
{
    return rule(table, column + ".after_" + other, {column, other}, D::Consistency, S::Count, C::NotBeforeColumn,
                column + ", when given, is not before " + other + " (delivered after purchased).");
}

void addColumnRules(std::vector<Rule> &rules)
{
    for (const staging::TableSpec &t : staging::catalog()) {
        for (const staging::Column &c : t.columns) {
            if (c.required)
                rules.push_back(rule(t.name, c.name + ".present", {c.name}, D::Completeness, S::Reject, C::Present,
                                     c.name + " is required: the field is neither empty nor blank."));
        }
        for (const staging::Column &c : t.columns) {
            if (c.type == staging::ColumnType::Text)
                continue;
            std::string what;
            switch (c.type) {
            case staging::ColumnType::Integer:
                what = "a whole number (up to 18 digits)";
                break;
            case staging::ColumnType::Decimal:
                what = "an exact amount (up to 10 integer digits and 4 decimals)";
                break;
            case staging::ColumnType::Timestamp:
                what = "an ISO timestamp (YYYY-MM-DD[ HH:MM[:SS[.ffffff]]])";
                break;
            case staging::ColumnType::Date:
                what = "an ISO date (YYYY-MM-DD, a time part is allowed)";
                break;
            case staging::ColumnType::Text:
                break;
            }
            rules.push_back(rule(t.name, c.name + ".parses", {c.name}, D::Validity, S::Reject, C::Parses,
                                 c.name + ", when given, is " + what + "."));
        }
    }
}

void addTableRules(std::vector<Rule> &rules)
{
    // countries
    rules.push_back(iso2("countries"));
    rules.push_back(rule("countries", "country_code.iso3166", {"country_code"}, D::Accuracy, S::Count, C::CountryCode,
                         "country_code is an assigned ISO 3166-1 alpha-2 code."));
    // products and their prices
    rules.push_back(productCode("products"));
    rules.push_back(notFuture("products", "created_at", S::Count));
    rules.push_back(productCode("product_prices"));
    rules.push_back(notNegative("product_prices", {"unit_price"}, S::Reject));
    rules.push_back(rule("product_prices", "unit_price.not_zero", {"unit_price"}, D::Validity, S::Count, C::NotZero,
                         "unit_price is not zero."));
    rules.push_back(notBeforeParent("product_prices", "valid_from", "product_id", "products", "created_at", "product"));
    // customers
    rules.push_back(rule("customers", "email.well_formed", {"email"}, D::Validity, S::Reject, C::Email,
                         "email, when given, is a well-formed address: one '@', a local part without spaces or "
                         "doubled dots, and a domain of at least two labels."));
    rules.push_back(
        rule("customers", "phone.length", {"phone"}, D::Conformity, S::Count, C::Phone,
             "phone, when given, has 7 to 15 digits (E.164), written with digits, spaces and + ( ) - . / only."));
    rules.push_back(iso2("customers"));
    rules.push_back(notFuture("customers", "signup_date", S::Count));
    rules.push_back(inSet("customer_segments", "segment", kSegments));
    rules.push_back(
        notBeforeParent("customer_segments", "valid_from", "customer_id", "customers", "signup_date", "customer"));
    // orders
    rules.push_back(inSet("orders", "channel", kChannels));
    rules.push_back(inSet("orders", "status", kStatuses));
    rules.push_back(inSet("orders", "payment_method", kPaymentMethods));
    rules.push_back(notNegative("orders", {"items_subtotal", "discount_total", "shipping_fee", "order_total"}, S::Count,
                                kExceptCancellations));
    rules.push_back(cents("orders", {"items_subtotal", "discount_total", "shipping_fee", "order_total"}));
    rules.push_back(iso2("orders"));
    rules.push_back(notFuture("orders", "order_ts", S::Reject));
    rules.push_back(inWindow("orders", "order_ts"));
    rules.push_back(rule("orders", "order_total.adds_up",
                         {"order_total", "items_subtotal", "discount_total", "shipping_fee"}, D::Consistency, S::Reject,
                         C::OrderTotal, "order_total = items_subtotal - discount_total + shipping_fee, to the cent."));
    {
        Rule r = rule("orders", "items_subtotal.matches_lines", {"items_subtotal", "order_id"}, D::Consistency,
                      S::Reject, C::SubtotalMatchesLines,
                      "items_subtotal equals the sum of the order's line totals in the same run, to the cent "
                      "(checked for orders whose lines are all in the run and all have a total).");
        r.refTable = "order_lines";
        r.refKey = "order_id";
        r.refColumn = "line_total";
        rules.push_back(std::move(r));
    }
    // order lines
    rules.push_back(productCode("order_lines"));
    rules.push_back(rule("order_lines", "quantity.sign", {"quantity", "order_id"}, D::Validity, S::Reject,
                         C::QuantitySign,
                         "quantity is not zero, and negative only on a cancellation (an order_id starting with the "
                         "cancellation prefix, 'C' by default)."));
    rules.push_back(notNegative("order_lines", {"unit_price"}, S::Reject));
    rules.push_back(rule("order_lines", "unit_price.not_zero", {"unit_price"}, D::Validity, S::Count, C::NotZero,
                         "unit_price is not zero."));
    rules.push_back(notNegative("order_lines", {"discount"}, S::Count));
    rules.push_back(cents("order_lines", {"discount"}));
    rules.push_back(rule("order_lines", "line_total.adds_up", {"line_total", "quantity", "unit_price", "discount"},
                         D::Consistency, S::Reject, C::LineTotal,
                         "line_total = quantity x unit_price - discount, to the cent (checked when all are given "
                         "and valid; an empty discount is 0)."));
    {
        Rule r = rule("order_lines", "unit_price.in_range", {"unit_price", "product_id"}, D::Accuracy, S::Count,
                      C::PriceInRange,
                      "unit_price lies within the product's known price range (its price history in the run and "
                      "in the warehouse, widened by rules.price_tolerance_percent).");
        r.refTable = "product_prices";
        r.refKey = "product_id";
        r.refColumn = "unit_price";
        r.warehouseTable = "dw.dim_product";
        r.warehouseKey = "product_id";
        r.warehouseValue = "unit_price";
        rules.push_back(std::move(r));
    }
    // payments and invoices
    rules.push_back(inSet("payments", "method", kPaymentMethods));
    rules.push_back(notNegative("payments", {"amount"}, S::Count, kExceptCancellations));
    rules.push_back(cents("payments", {"amount"}));
    rules.push_back(notFuture("payments", "paid_ts", S::Reject));
    rules.push_back(inWindow("payments", "paid_ts"));
    rules.push_back(notBeforeParent("payments", "paid_ts", "order_id", "orders", "order_ts", "order"));
    rules.push_back(notNegative("invoices", {"amount"}, S::Count, kExceptCancellations));
    rules.push_back(cents("invoices", {"amount"}));
    rules.push_back(notFuture("invoices", "invoice_ts", S::Reject));
    rules.push_back(inWindow("invoices", "invoice_ts"));
    rules.push_back(notBeforeParent("invoices", "invoice_ts", "order_id", "orders", "order_ts", "order"));
    // what real sources add to orders, lines, payments; reviews
    for (const char *column : {"approved_at", "delivered_carrier_at", "delivered_customer_at"})
        rules.push_back(notBeforeColumn("orders", column, "order_ts"));
    rules.push_back(notFuture("orders", "delivered_customer_at", S::Count));
    rules.push_back(notNegative("order_lines", {"freight_value"}, S::Count));
    rules.push_back(cents("order_lines", {"freight_value"}));
    rules.push_back(inSet("reviews", "score", {"1", "2", "3", "4", "5"}));
    rules.push_back(notFuture("reviews", "created_at", S::Count));
    rules.push_back(notBeforeColumn("reviews", "answered_at", "created_at"));
    // events
    rules.push_back(inSet("events", "event_type", kEventTypes));
    rules.push_back(productCode("events"));
    rules.push_back(notFuture("events", "event_ts", S::Reject));
    rules.push_back(inWindow("events", "event_ts"));
}

void addSetRules(std::vector<Rule> &rules)
{
    for (const staging::TableSpec &t : staging::catalog()) {
        std::string key;
        for (const auto &k : t.businessKey)
            key += (key.empty() ? "" : ", ") + k;
        rules.push_back(rule(t.name, "key.unique", t.businessKey, D::Uniqueness, S::Reject, C::Unique,
                             "The business key (" + key +
                                 ") occurs once in the run; the first line wins and later "
                                 "copies are rejected."));
    }
    for (const Reference &ref : kReferences) {
        const std::string column = ref.column;
        const bool integrity = ref.dimension == D::Integrity;
        std::string where = std::string(ref.refTable) + "." + ref.refKey;
        std::string description = column + ", when given, names a " + ref.what + " of the same run (" + where + ")";
        if (*ref.warehouseTable)
            description += std::string(" or one the warehouse already holds (") + ref.warehouseTable + ")";
        if (ref.optionalParent)
            description += std::string("; checked only when the run brings ") + ref.refTable;
        Rule r = rule(ref.table, column + (integrity ? ".resolves" : ".known"), {column}, ref.dimension, ref.severity,
                      C::Reference, description + ".");
        r.refTable = ref.refTable;
        r.refKey = ref.refKey;
        r.warehouseTable = ref.warehouseTable;
        r.warehouseKey = ref.warehouseKey;
        r.optionalParent = ref.optionalParent;
        if (integrity && ref.severity == S::Reject) {
            Rule info = r;
            info.id = ref.table + std::string(".") + column + ".parent_accepted";
            info.severity = S::Info;
            info.check = C::ParentAccepted;
            info.description = column + " names a " + ref.what +
                               " that this run rejected (and the warehouse does "
                               "not hold): not a defect of this row, which is loaded; the transform will set it "
                               "aside when it cannot resolve it.";
            rules.push_back(std::move(r));
            rules.push_back(std::move(info));
        } else {
            rules.push_back(std::move(r));
        }
    }
}

} // namespace

std::vector<Rule> defineRules()
{
    std::vector<Rule> rules;
    rules.push_back(rule("*", "well_formed", {}, D::Conformity, S::Reject, C::WellFormedCsv,
                         "The record is valid CSV with as many fields as the header (checked by the loader)."));
    rules.back().id = "csv.well_formed";
    rules.push_back(rule("*", "utf8", {}, D::Validity, S::Reject, C::Utf8,
                         "The record is valid UTF-8 text without NUL bytes (checked by the loader)."));
    rules.back().id = "csv.utf8";
    rules.push_back(rule("*", "fresh", {}, D::Timeliness, S::Count, C::SnapshotFresh,
                         "The snapshot was taken no longer before the run than rules.max_snapshot_age_days (7 by "
                         "default); a stale snapshot counts against every row of every table."));
    rules.back().id = "snapshot.fresh";
    // What the transform rejects counts too: a row that never reaches the
    // warehouse is a failed check of its dimension, scored over rows read.
    const struct {
        const char *id;
        D dimension;
        C check;
        const char *description;
    } transformRules[] = {
        {"transform.reference", D::Integrity, C::TransformResolves,
         "Every reference the row gives resolves, in this run or in the warehouse (an empty reference is not a defect: "
         "a guest checkout points at the unknown customer). Rows that do not resolve are set aside by the transform."},
        {"transform.required", D::Completeness, C::TransformRequired,
         "The fields the warehouse cannot do without are given (checked by the transform)."},
        {"transform.type", D::Validity, C::TransformType,
         "Every value fits the warehouse's column type (checked by the transform)."},
        {"transform.duplicate", D::Uniqueness, C::TransformUnique,
         "The business key occurs once in the run; later copies are set aside by the transform."},
        {"transform.price", D::Accuracy, C::TransformPrice,
         "A line without a unit price finds its product's list price in effect when it was bought."},
    };
    for (const auto &t : transformRules) {
        rules.push_back(rule("*", t.id, {}, t.dimension, S::Reject, t.check, t.description));
        rules.back().id = t.id;
    }
    addColumnRules(rules);
    addTableRules(rules);
    addSetRules(rules);
    return rules;
}

} // namespace ecomops::quality
