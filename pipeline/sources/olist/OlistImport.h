#pragma once
// Private to the Olist source: one import of an Olist export folder into a
// snapshot. OlistImport.cpp resolves the files and their columns and runs
// the passes; OlistTables.cpp writes each staged table.
#include "sources/olist/OlistSource.h"

#include "core/Decimal.h"
#include "core/Utf8.h"
#include "sources/common/ImportSupport.h"
#include "sources/common/SourceCsv.h"
#include "sources/common/StagedTable.h"
#include "sources/common/TimestampColumns.h"
#include "sources/olist/OlistFiles.h"

#include <QElapsedTimer>

#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace ecomops::sources::olist {

constexpr const char *kUncategorised = "uncategorised";
constexpr const char *kCountry = "BR";

struct OrderAmounts {
    Decimal subtotal;
    Decimal freight;
    int items = 0;
    bool known = true; // false once an item's price or freight does not parse
};

struct PaymentChoice {
    Decimal largest;
    long sequence = 0;
    std::string method;
};

struct OrderTimes {
    std::string purchase;
    std::string approved;
};

struct PriceSeen {
    std::string product;
    std::string order;
    Decimal price;
};

// Column positions of each file, resolved before anything is written.
struct CustomerColumns {
    int id, person, zip, city, state;
};
struct OrderColumns {
    int id, customer, status;
    int purchase, approved, carrier, delivered, estimated;
};
struct ItemColumns {
    int order, line, product, seller, price, freight;
    int shippingLimit;
};
struct ProductColumns {
    int id, category;
};
struct PaymentColumns {
    int order, sequence, type, installments, value;
};
struct ReviewColumns {
    int id, order, score, title, message;
    int created, answered;
};
struct SellerColumns {
    int id, zip, city, state;
};
struct TranslationColumns {
    int portuguese, english;
};
struct GeoColumns {
    int zip, lat, lng, city, state;
};

struct ZipPoint {
    double latitude = 0, longitude = 0;
    std::int64_t points = 0;
    std::string city, state;
};

class OlistImport
{
public:
    OlistImport(const nlohmann::json &options, QString directory, StageObserver &observer, CancelToken &cancel)
        : m_options(options), m_directory(std::move(directory)), m_observer(observer), m_cancel(cancel)
    {
    }

    SourceResult run();

private:
    // Headers and timestamp orders of every file: every refusal happens here,
    // before a single staged row is written.
    void prepare();

    SourceCsv &file(Role role) { return *m_csv.at(role); }
    SourceCsv *optional(Role role);

    std::unique_ptr<StagedTable> stage(const char *table, std::vector<std::string> columns);

    void finish(StagedTable &t);

    // One pass over a file into one staged table; an unreadable record goes
    // on as such (the loader quarantines it).
    void pass(SourceCsv &f, StagedTable *out, const QString &table, const SourceCsv::RecordHandler &onRecord);

    void report(SourceCsv &f, const std::string &table, const TimestampColumns *times, nlohmann::json extra = {});

    void writeCountries();

    void writeCategoriesAndProducts();

    void writeCustomers();

    void aggregateItems();

    void aggregatePayments();

    void writeOrders();

    void writeOrderLines();

    void writePayments();

    void writeReviews();

    void writeSellers();

    void writeZipCodes();

    void writePrices();

    const nlohmann::json &m_options;
    QString m_directory;
    StageObserver &m_observer;
    CancelToken &m_cancel;

    QString m_path;
    olist::Layout m_layout;
    DateOrder m_stated = DateOrder::Unknown;
    std::string m_channel;
    std::map<Role, std::unique_ptr<SourceCsv>> m_csv;

    CustomerColumns m_customer{};
    OrderColumns m_order{};
    ItemColumns m_item{};
    ProductColumns m_product{};
    PaymentColumns m_payment{};
    ReviewColumns m_review{};
    SellerColumns m_seller{};
    TranslationColumns m_translation{};
    GeoColumns m_geo{};
    TimestampColumns m_orderTimes, m_itemTimes, m_reviewTimes;

    std::unordered_map<std::string, std::string> m_person; // Olist customer_id → customer_unique_id
    std::unordered_map<std::string, OrderAmounts> m_amounts;
    std::unordered_map<std::string, PaymentChoice> m_method;
    std::unordered_map<std::string, OrderTimes> m_times;
    std::vector<PriceSeen> m_prices;

    SourceResult m_result;
    nlohmann::json m_files = nlohmann::json::array();
    nlohmann::json m_decisions = nlohmann::json::object();
};

} // namespace ecomops::sources::olist
