#pragma once
// Finding the files of an Olist export in a folder. Exports rename them
// ("olist_orders_dataset.csv", "Olist Orders.CSV", "olistcustomerdataset.csv",
// "order-item.csv"): a name is compared after lower-casing, dropping every
// character that is not a letter or digit and the ".csv" extension, an
// "olist" prefix and a "dataset" suffix, against the singular and plural of
// each file kind. `--option file.<kind>=NAME` maps a file explicitly (NAME in
// the folder, or a full path); the kinds are the public file names without
// "olist_" and "_dataset" (customers, orders, order_items, products,
// order_payments, order_reviews, sellers, geolocation,
// product_category_name_translation), matched as tolerantly as file names.
#include <QString>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace ecomops::sources::olist {

enum class Role {
    Customers,
    Orders,
    OrderItems,
    Products,
    Payments,
    Reviews,
    Sellers,
    CategoryTranslation,
    Geolocation
};

struct FileSpec {
    Role role;
    const char *key;       // the kind, as in --option file.<key>=NAME
    const char *canonical; // the public dataset's file name
    bool required;
    std::vector<const char *> names; // accepted compact names (see compactFileName)
};
const std::vector<FileSpec> &fileSpecs();

// "file.customers" and the like: the option that maps a file kind.
std::string fileOptionKey(const FileSpec &spec);

struct Layout {
    std::map<Role, QString> files;                    // role → path
    nlohmann::json report = nlohmann::json::object(); // found (with the name matched), missing optional, ignored files
};

// Throws SourceError, before anything is read, for a folder that does not
// exist, an unknown file.* option or one naming a file that is not there,
// two files claiming one kind, and every missing required file (naming the
// CSV files the folder holds and the closest name).
Layout locate(const QString &directory, const nlohmann::json &options = nlohmann::json::object());

// Lower-cased letters and digits only, without ".csv", "olist" and
// "dataset": "Olist_Order-Items_dataset.CSV" → "orderitems".
std::string compactFileName(const QString &fileName);

// The Levenshtein distance of two byte strings.
std::size_t editDistance(const std::string &a, const std::string &b);

} // namespace ecomops::sources::olist
