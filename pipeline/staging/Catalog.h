#pragma once
// The staged tables every source produces: names, columns (as in the CSV
// header and in the staging.<table> landing table), the type each column is
// meant to hold, which are required, and each table's business key. The
// staging migration creates exactly these; a test keeps the two in step.
#include <string>
#include <string_view>
#include <vector>

namespace ecomops::staging {

// A source record an adapter could not read is staged as a row with one
// field more than its table has, whose first field is this prefix followed
// by "<source file>:<line>: <reason>" and whose second is the record as it
// stood. The loader quarantines such a row with the source's reason, so a
// steward reads where the source went wrong, not where the staged copy did.
inline constexpr std::string_view kUnreadableSourcePrefix = "unreadable in the source: ";

enum class ColumnType { Text, Integer, Decimal, Timestamp, Date };
const char *toString(ColumnType type);

struct Column {
    std::string name;
    ColumnType type = ColumnType::Text;
    bool required = true;
};

struct TableSpec {
    std::string name; // "orders": file orders.csv, table staging.orders
    std::vector<Column> columns;
    std::vector<std::string> businessKey;

    std::string fileName() const { return name + ".csv"; }
    std::vector<std::string> columnNames() const;
    int columnIndex(std::string_view column) const; // -1 when absent
};

const std::vector<TableSpec> &catalog();
const TableSpec *findTable(std::string_view name);

} // namespace ecomops::staging
