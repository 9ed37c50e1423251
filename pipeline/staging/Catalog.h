#pragma once
// The staged tables every source produces: names, columns (as in the CSV
// header and in the staging.<table> landing table), the type each column is
// meant to hold, which are required, and each table's business key. The
// staging migration creates exactly these; a test keeps the two in step.
#include <string>
#include <string_view>
#include <vector>

namespace ecomops::staging {

enum class ColumnType { Text, Integer, Decimal, Timestamp, Date };
const char *toString(ColumnType type);

struct Column {
    std::string name;
    ColumnType type = ColumnType::Text;
    bool required = true;
};

struct TableSpec {
    std::string name;                    // "orders": file orders.csv, table staging.orders
    std::vector<Column> columns;
    std::vector<std::string> businessKey;

    std::string fileName() const { return name + ".csv"; }
    std::vector<std::string> columnNames() const;
    int columnIndex(std::string_view column) const; // -1 when absent
};

const std::vector<TableSpec> &catalog();
const TableSpec *findTable(std::string_view name);

} // namespace ecomops::staging
