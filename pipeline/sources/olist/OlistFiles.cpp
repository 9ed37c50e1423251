#include "sources/olist/OlistFiles.h"

#include "sources/SourceAdapter.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <set>

namespace ecomops::sources::olist {
namespace {

constexpr const char *kOptionPrefix = "file.";
constexpr int kListedFiles = 30; // a folder of thousands of CSVs is not spelled out in full

bool isCsv(const QString &name)
{
    return name.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
}

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

const FileSpec *specFor(const std::string &compact)
{
    for (const FileSpec &spec : fileSpecs()) {
        for (const char *n : spec.names) {
            if (compact == n)
                return &spec;
        }
    }
    return nullptr;
}

std::string joined(const std::vector<std::string> &items, const char *separator = ", ")
{
    std::string out;
    for (const std::string &item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

// The CSV file among `candidates` whose compact name is closest to one of
// the kind's names, if it is close enough to be worth suggesting.
std::string closest(const FileSpec &spec, const std::vector<QString> &candidates)
{
    std::string best;
    std::size_t bestDistance = std::string::npos;
    for (const QString &name : candidates) {
        const std::string compact = compactFileName(name);
        for (const char *n : spec.names) {
            const std::size_t d = editDistance(compact, n);
            if (d <= std::max<std::size_t>(1, std::string(n).size() / 2) && d < bestDistance) {
                bestDistance = d;
                best = name.toStdString();
            }
        }
    }
    return best;
}

std::string knownKinds()
{
    std::vector<std::string> keys;
    for (const FileSpec &spec : fileSpecs())
        keys.push_back(spec.key);
    return joined(keys);
}

// The explicit --option file.<kind>=NAME mappings, checked.
std::map<Role, QString> explicitFiles(const QDir &dir, const nlohmann::json &options, nlohmann::json &found)
{
    std::map<Role, QString> files;
    if (!options.is_object())
        return files;
    for (const auto &[key, value] : options.items()) {
        if (key.rfind(kOptionPrefix, 0) != 0)
            continue;
        const FileSpec *spec = specFor(compactFileName(QString::fromStdString(key.substr(std::strlen(kOptionPrefix)))));
        if (!spec)
            throw SourceError("the option " + key + " names no Olist file kind; the kinds are " + knownKinds());
        const QString name = value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
        const QString path = QFileInfo(name).isAbsolute() ? name : dir.filePath(name);
        if (name.isEmpty() || !QFileInfo(path).isFile())
            throw SourceError("--option " + key + "=" + name.toStdString() +
                              ": there is no such file in the Olist folder " + dir.path().toStdString());
        if (files.count(spec->role))
            throw SourceError("two options map the Olist " + std::string(spec->key) + " file; give one");
        files[spec->role] = path;
        found[spec->canonical] = name.toStdString() + " (option " + fileOptionKey(*spec) + ")";
    }
    return files;
}

std::string missingMessage(const QString &directory, const std::vector<const FileSpec *> &missing,
                           const std::vector<QString> &unclaimed, const QStringList &csvFiles)
{
    std::vector<std::string> kinds, hints;
    for (const FileSpec *spec : missing) {
        kinds.push_back(std::string("no ") + spec->key + " file (looked for " + spec->canonical +
                        " and similar names)");
        const std::string near = closest(*spec, unclaimed);
        if (!near.empty())
            hints.push_back(near + " — map it with --option " + fileOptionKey(*spec) + "=" + near);
    }
    std::vector<std::string> listed;
    for (const QString &name : csvFiles) {
        if (int(listed.size()) == kListedFiles) {
            listed.push_back("and " + std::to_string(csvFiles.size() - kListedFiles) + " more");
            break;
        }
        listed.push_back(name.toStdString());
    }
    std::string message = "the Olist folder " + directory.toStdString() + " has " + joined(kinds, " and ") +
                          ". CSV files there: " + (listed.empty() ? std::string("none") : joined(listed)) + ".";
    message += hints.empty() ? std::string(" No file name there is close to it.") : " Closest: " + joined(hints, "; ");
    return message;
}

} // namespace

const std::vector<FileSpec> &fileSpecs()
{
    static const std::vector<FileSpec> specs = {
        {Role::Customers, "customers", "olist_customers_dataset.csv", true, {"customers", "customer"}},
        {Role::Orders, "orders", "olist_orders_dataset.csv", true, {"orders", "order"}},
        {Role::OrderItems,
         "order_items",
         "olist_order_items_dataset.csv",
         true,
         {"orderitems", "orderitem", "items", "item"}},
        {Role::Products, "products", "olist_products_dataset.csv", true, {"products", "product"}},
        {Role::Payments,
         "order_payments",
         "olist_order_payments_dataset.csv",
         false,
         {"orderpayments", "orderpayment", "payments", "payment"}},
        {Role::Reviews,
         "order_reviews",
         "olist_order_reviews_dataset.csv",
         false,
         {"orderreviews", "orderreview", "reviews", "review"}},
        {Role::Sellers, "sellers", "olist_sellers_dataset.csv", false, {"sellers", "seller"}},
        {Role::CategoryTranslation,
         "product_category_name_translation",
         "product_category_name_translation.csv",
         false,
         {"productcategorynametranslation", "productcategorynamestranslation", "categorynametranslation",
          "productcategorytranslation", "categorytranslation"}},
        {Role::Geolocation, "geolocation", "olist_geolocation_dataset.csv", false, {"geolocation", "geolocations"}},
    };
    return specs;
}

std::string fileOptionKey(const FileSpec &spec)
{
    return std::string(kOptionPrefix) + spec.key;
}

std::string compactFileName(const QString &fileName)
{
    QString n = fileName.toLower();
    if (n.endsWith(QLatin1String(".csv")))
        n.chop(4);
    std::string out;
    for (const QChar c : std::as_const(n)) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            out += c.toLatin1();
    }
    if (out.rfind("olist", 0) == 0)
        out.erase(0, 5);
    for (const char *suffix : {"datasets", "dataset"}) {
        if (endsWith(out, suffix)) {
            out.erase(out.size() - std::strlen(suffix));
            break;
        }
    }
    return out;
}

std::size_t editDistance(const std::string &a, const std::string &b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

Layout locate(const QString &directory, const nlohmann::json &options)
{
    const QDir dir(directory);
    if (directory.isEmpty() || !dir.exists())
        throw SourceError("the Olist folder \"" + directory.toStdString() +
                          "\" does not exist (give it with --path DIR)");
    Layout layout;
    nlohmann::json found = nlohmann::json::object();
    layout.files = explicitFiles(dir, options, found);
    std::set<QString> mapped;
    for (const auto &[role, path] : layout.files)
        mapped.insert(QFileInfo(path).absoluteFilePath());

    std::vector<std::string> ignored;
    std::vector<QString> unclaimed; // CSV files no kind took: candidates for "closest"
    QStringList csvFiles;
    for (const QString &name : dir.entryList(QDir::Files | QDir::Readable, QDir::Name)) {
        if (!isCsv(name)) {
            ignored.push_back(name.toStdString());
            continue;
        }
        csvFiles << name;
        if (mapped.count(QFileInfo(dir.filePath(name)).absoluteFilePath()))
            continue;
        const FileSpec *match = specFor(compactFileName(name));
        if (!match || found.contains(match->canonical)) {
            // A kind mapped explicitly leaves other files of its name alone.
            ignored.push_back(name.toStdString());
            unclaimed.push_back(name);
            continue;
        }
        if (layout.files.count(match->role))
            throw SourceError("two files in " + directory.toStdString() + " are the Olist " + match->key +
                              " file: " + QFileInfo(layout.files[match->role]).fileName().toStdString() + " and " +
                              name.toStdString() + "; remove one, or choose with --option " + fileOptionKey(*match) +
                              "=NAME");
        layout.files[match->role] = dir.filePath(name);
    }
    for (const auto &[role, path] : layout.files) {
        for (const FileSpec &spec : fileSpecs()) {
            if (spec.role == role && !found.contains(spec.canonical))
                found[spec.canonical] = QFileInfo(path).fileName().toStdString();
        }
    }
    std::vector<const FileSpec *> missing;
    std::vector<std::string> missingOptional;
    for (const FileSpec &spec : fileSpecs()) {
        if (layout.files.count(spec.role))
            continue;
        if (spec.required)
            missing.push_back(&spec);
        else
            missingOptional.push_back(spec.canonical);
    }
    if (!missing.empty())
        throw SourceError(missingMessage(directory, missing, unclaimed, csvFiles));
    layout.report = {{"found", found}, {"missing_optional", missingOptional}, {"ignored_files", ignored}};
    return layout;
}

} // namespace ecomops::sources::olist
