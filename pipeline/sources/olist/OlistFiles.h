#pragma once
// Finding the files of an Olist export in a folder. Names vary between
// exports ("olist_orders_dataset.csv", "Olist-Orders.csv", "orders.csv"):
// a name is compared after lower-casing, treating '-', ' ' and '.' as '_',
// and dropping an "olist_" prefix and a "_dataset" suffix.
#include <QString>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace ecomops::sources::olist {

enum class Role { Customers, Orders, OrderItems, Products, Payments, Reviews, Sellers, CategoryTranslation, Geolocation };

struct FileSpec {
    Role role;
    const char *canonical;              // the public dataset's file name
    bool required;
    std::vector<const char *> names;    // accepted names after normalising
};
const std::vector<FileSpec> &fileSpecs();

struct Layout {
    std::map<Role, QString> files;       // role → path
    nlohmann::json report = nlohmann::json::object(); // found (with the name matched), missing optional, ignored files
};

// Throws SourceError naming every missing required file (or a folder that
// does not exist, or two files claiming one role), before anything is read.
Layout locate(const QString &directory);

// Lower-cased, separators as '_', without "olist_" and "_dataset".
std::string normalizedFileName(const QString &fileName);

} // namespace ecomops::sources::olist
