#include "staging/Catalog.h"

#include "core/EnumNames.h"

namespace ecomops::staging {
namespace {

constexpr auto T = ColumnType::Text;
constexpr auto I = ColumnType::Integer;
constexpr auto D = ColumnType::Decimal;
constexpr auto TS = ColumnType::Timestamp;
constexpr auto DT = ColumnType::Date;

std::vector<TableSpec> build()
{
    // Ids that real sources write as text (Olist's 32-hex hashes and
    // category names, transaction-log invoices such as C536379) are Text;
    // synthetic integers are text too. Empty is not unknown: an order
    // without a customer is a guest checkout, a product may have no
    // description, a customer or an order no country — optional here, so
    // such rows reach the warehouse (see MARTS.md).
    return {
        {"categories", {{"category_id", T}, {"category_name", T}, {"parent_category_id", T, false}}, {"category_id"}},
        {"countries", {{"country_code", T}, {"country_name", T}, {"region", T, false}}, {"country_code"}},
        {"products",
         {{"product_id", T}, {"product_name", T, false}, {"category_id", T}, {"created_at", TS, false}},
         {"product_id"}},
        {"product_prices", {{"product_id", T}, {"valid_from", TS}, {"unit_price", D}}, {"product_id", "valid_from"}},
        {"customers",
         {{"customer_id", T},
          {"email", T, false},
          {"first_name", T, false},
          {"last_name", T, false},
          {"phone", T, false},
          {"country_code", T, false},
          {"city", T, false},
          {"signup_date", DT, false},
          {"state", T, false},
          {"zip_code", T, false}},
         {"customer_id"}},
        {"customer_segments", {{"customer_id", T}, {"valid_from", TS}, {"segment", T}}, {"customer_id", "valid_from"}},
        {"orders",
         {{"order_id", T},
          {"customer_id", T, false},
          {"order_ts", TS},
          {"channel", T},
          {"status", T},
          {"payment_method", T, false},
          {"country_code", T, false},
          {"items_subtotal", D},
          {"discount_total", D},
          {"shipping_fee", D},
          {"order_total", D},
          {"approved_at", TS, false},
          {"delivered_carrier_at", TS, false},
          {"delivered_customer_at", TS, false},
          {"estimated_delivery_at", TS, false}},
         {"order_id"}},
        {"order_lines",
         {{"order_id", T},
          {"line_no", I},
          {"product_id", T},
          {"quantity", I},
          {"unit_price", D, false},
          {"discount", D, false},
          {"line_total", D, false},
          {"seller_id", T, false},
          {"shipping_limit_at", TS, false},
          {"freight_value", D, false},
          {"description", T, false}},
         {"order_id", "line_no"}},
        {"payments",
         {{"payment_id", T},
          {"order_id", T},
          {"paid_ts", TS},
          {"method", T},
          {"amount", D},
          {"sequence_no", I, false},
          {"installments", I, false}},
         {"payment_id"}},
        {"invoices", {{"invoice_id", T}, {"order_id", T}, {"invoice_ts", TS}, {"amount", D}}, {"invoice_id"}},
        {"events",
         {{"event_id", I},
          {"session_id", T},
          {"customer_id", T, false},
          {"event_ts", TS},
          {"event_type", T},
          {"product_id", T, false}},
         {"event_id"}},
        // Real sources only (Olist); the synthetic shop writes none of these.
        {"sellers", {{"seller_id", T}, {"zip_code", T, false}, {"city", T, false}, {"state", T, false}}, {"seller_id"}},
        {"reviews",
         {{"review_id", T},
          {"order_id", T},
          {"score", I},
          {"comment_title", T, false},
          {"comment_message", T, false},
          {"created_at", TS, false},
          {"answered_at", TS, false}},
         {"review_id", "order_id"}},
        {"zip_codes",
         {{"zip_code", T},
          {"city", T, false},
          {"state", T, false},
          {"latitude", T, false},
          {"longitude", T, false},
          {"points", I, false}},
         {"zip_code"}},
    };
}

constexpr EnumName<ColumnType> kColumnTypes[] = {{ColumnType::Text, "text"},
                                                 {ColumnType::Integer, "integer"},
                                                 {ColumnType::Decimal, "decimal"},
                                                 {ColumnType::Timestamp, "timestamp"},
                                                 {ColumnType::Date, "date"}};

} // namespace

const char *toString(ColumnType type)
{
    return enumName(kColumnTypes, type, "text");
}

std::vector<std::string> TableSpec::columnNames() const
{
    std::vector<std::string> names;
    names.reserve(columns.size());
    for (const Column &c : columns)
        names.push_back(c.name);
    return names;
}

int TableSpec::columnIndex(std::string_view column) const
{
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].name == column)
            return int(i);
    }
    return -1;
}

const std::vector<TableSpec> &catalog()
{
    static const std::vector<TableSpec> tables = build();
    return tables;
}

const TableSpec *findTable(std::string_view name)
{
    for (const TableSpec &t : catalog()) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

} // namespace ecomops::staging
