#include "sources/olist/OlistFiles.h"

#include "sources/SourceAdapter.h"

#include <QDir>
#include <QFileInfo>

namespace ecomops::sources::olist {

const std::vector<FileSpec> &fileSpecs()
{
    static const std::vector<FileSpec> specs = {
        {Role::Customers, "olist_customers_dataset.csv", true, {"customers"}},
        {Role::Orders, "olist_orders_dataset.csv", true, {"orders"}},
        {Role::OrderItems, "olist_order_items_dataset.csv", true, {"order_items", "items"}},
        {Role::Products, "olist_products_dataset.csv", true, {"products"}},
        {Role::Payments, "olist_order_payments_dataset.csv", false, {"order_payments", "payments"}},
        {Role::Reviews, "olist_order_reviews_dataset.csv", false, {"order_reviews", "reviews"}},
        {Role::Sellers, "olist_sellers_dataset.csv", false, {"sellers"}},
        {Role::CategoryTranslation, "product_category_name_translation.csv", false,
         {"product_category_name_translation", "category_name_translation", "product_category_translation"}},
        {Role::Geolocation, "olist_geolocation_dataset.csv", false, {"geolocation"}},
    };
    return specs;
}

std::string normalizedFileName(const QString &fileName)
{
    QString n = fileName.toLower();
    if (n.endsWith(QLatin1String(".csv")))
        n.chop(4);
    std::string out;
    for (const QChar c : std::as_const(n)) {
        const char a = c == QLatin1Char('-') || c == QLatin1Char(' ') || c == QLatin1Char('.') ? '_' : c.toLatin1();
        if (a == '_' && (out.empty() || out.back() == '_'))
            continue;
        out += a;
    }
    while (!out.empty() && out.back() == '_')
        out.pop_back();
    const std::string prefix = "olist_", suffix = "_dataset";
    if (out.rfind(prefix, 0) == 0)
        out.erase(0, prefix.size());
    if (out.size() > suffix.size() && out.compare(out.size() - suffix.size(), suffix.size(), suffix) == 0)
        out.erase(out.size() - suffix.size());
    return out;
}

Layout locate(const QString &directory)
{
    const QDir dir(directory);
    if (directory.isEmpty() || !dir.exists())
        throw SourceError("the Olist folder \"" + directory.toStdString() + "\" does not exist (give it with --path DIR)");
    Layout layout;
    nlohmann::json found = nlohmann::json::object();
    std::vector<std::string> ignored;
    const QStringList names = dir.entryList(QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &name : names) {
        const std::string key = normalizedFileName(name);
        const FileSpec *match = nullptr;
        for (const FileSpec &spec : fileSpecs()) {
            for (const char *n : spec.names) {
                if (key == n && name.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
                    match = &spec;
            }
        }
        if (!match) {
            ignored.push_back(name.toStdString());
            continue;
        }
        if (layout.files.count(match->role))
            throw SourceError("two files in " + directory.toStdString() + " are the Olist " + match->canonical + ": "
                              + QFileInfo(layout.files[match->role]).fileName().toStdString() + " and " + name.toStdString());
        layout.files[match->role] = dir.filePath(name);
        found[match->canonical] = name.toStdString();
    }
    std::string missing;
    std::vector<std::string> missingOptional;
    for (const FileSpec &spec : fileSpecs()) {
        if (layout.files.count(spec.role))
            continue;
        if (spec.required)
            missing += std::string(missing.empty() ? "" : ", ") + spec.canonical;
        else
            missingOptional.push_back(spec.canonical);
    }
    if (!missing.empty())
        throw SourceError("the Olist folder " + directory.toStdString() + " lacks required files: " + missing
                          + " (names may vary in case, '-' for '_', and without \"olist_\" or \"_dataset\")");
    layout.report = {{"found", found}, {"missing_optional", missingOptional}, {"ignored_files", ignored}};
    return layout;
}

} // namespace ecomops::sources::olist
