#pragma once
// Creates the synthetic shop as an OLTP database would hold it — typed
// columns, primary and foreign keys — in a schema of a source PostgreSQL
// database (`ecomops source seed`). The rows are the generator's, so a
// snapshot of that schema (SourceDbSource) carries exactly what a synthetic
// run with the same options stages. Defects are not planted: an OLTP schema
// with its keys could not hold duplicates or orphans.
#include "core/Cancellation.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QString>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ecomops::sources {

struct ShopForeignKey {
    std::string column;
    std::string table;
    std::string key;
};

struct ShopTable {
    std::string name;
    std::string columns;    // "order_id bigint, customer_id bigint, …"
    std::string primaryKey; // "order_id" or "order_id, line_no"
    std::vector<ShopForeignKey> foreignKeys;
};
// The source schema's tables, parents before children.
const std::vector<ShopTable> &shopTables();

struct SeedResult {
    std::map<std::string, qint64> rows;
    double generateSeconds = 0;
    double loadSeconds = 0;
};

using SeedProgress = std::function<void(const QString &message)>;

// Replaces the shop's tables in `schema` (created when missing) within one
// transaction. Throws SourceError in words (bad options, connection, SQL)
// and CancelledError.
SeedResult seedShop(const QString &conninfo, const synthetic::GeneratorOptions &options, const std::string &schema,
                    const SeedProgress &progress, CancelToken &cancel);

} // namespace ecomops::sources
