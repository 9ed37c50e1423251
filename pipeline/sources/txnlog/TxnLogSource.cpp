#include "sources/txnlog/TxnLogSource.h"

#include "core/Decimal.h"
#include "core/Utf8.h"
#include "sources/common/ImportSupport.h"
#include "sources/common/SourceCsv.h"
#include "sources/common/StagedTable.h"
#include "sources/common/TimestampColumns.h"
#include "sources/txnlog/CountryCodes.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>

namespace ecomops::sources {
namespace {

constexpr const char *kUncategorised = "uncategorised";
constexpr const char *kCancellationPrefix = "C";

struct Columns {
    int invoice, stock, description, quantity, date, price, customer, country;
    int dateSlot;
};

struct LogFile {
    std::unique_ptr<SourceCsv> csv;
    Columns columns{};
    TimestampColumns times;
};

struct Invoice {
    std::string customer, ts, country;
    Decimal subtotal;
    bool amountsKnown = true;
    bool disagrees = false;
    int lines = 0;
};

struct Product {
    std::string name;
    std::vector<PricePoint> prices;
};

// "17850.0" → "17850": spreadsheets turn the id column into numbers.
std::string customerId(std::string id, bool &normalized)
{
    const auto dot = id.find('.');
    if (dot == std::string::npos || dot == 0)
        return id;
    const bool digits =
        std::all_of(id.begin(), id.begin() + std::ptrdiff_t(dot), [](char c) { return c >= '0' && c <= '9'; });
    const bool zeros = dot + 1 < id.size() &&
                       std::all_of(id.begin() + std::ptrdiff_t(dot) + 1, id.end(), [](char c) { return c == '0'; });
    if (!digits || !zeros)
        return id;
    normalized = true;
    return id.substr(0, dot);
}

// quantity × price rounded half to even to the cent, or nothing when it is
// not an amount (numeric(14,4)).
std::optional<Decimal> lineTotalOf(Decimal price, qlonglong quantity)
{
    try {
        const Decimal total = price.multipliedHalfEven(Decimal::fromInteger(quantity), 2);
        return fitsAmount(total) ? std::optional<Decimal>(total) : std::nullopt;
    } catch (const DecimalError &) {
        return std::nullopt;
    }
}

class TxnLogImport
{
public:
    TxnLogImport(const nlohmann::json &options, QString directory, StageObserver &observer, CancelToken &cancel)
        : m_options(options), m_directory(std::move(directory)), m_observer(observer), m_cancel(cancel)
    {
    }

    SourceResult run()
    {
        QElapsedTimer clock;
        clock.start();
        prepare();
        auto lines =
            std::make_unique<StagedTable>(m_directory, "order_lines",
                                          std::vector<std::string>{"order_id", "line_no", "product_id", "quantity",
                                                                   "unit_price", "line_total", "description"});
        std::int64_t records = 0;
        for (LogFile &f : m_files) {
            readLines(f, *lines);
            nlohmann::json r = f.csv->report();
            records += r.value("records", std::int64_t(0));
            r["tables"] = {"order_lines", "orders", "products", "product_prices", "customers", "countries"};
            r["timestamps"] = f.times.report();
            m_fileReports.push_back(r);
            m_result.skipped["order_lines"] += f.csv->emptyRecords();
            m_observer.log(LogLevel::Info, QStringLiteral("%1: %2; columns %3; ignored: %4; dates: %5")
                                               .arg(QString::fromStdString(f.csv->name()), f.csv->summary(),
                                                    QString::fromStdString(safeDump(r["columns"])),
                                                    QString::fromStdString(safeDump(r["ignored_columns"])),
                                                    QString::fromStdString(safeDump(r["timestamps"]))));
        }
        lines->close();
        m_result.rows["order_lines"] = lines->rows();
        m_result.skipped.try_emplace("order_lines", 0);
        throwIfCancelled(m_observer, m_cancel);
        writeCountries();
        writeCustomers();
        writeProducts();
        writeOrders();
        const double seconds = double(clock.elapsed()) / 1000.0;
        m_decisions["customer_ids_with_trailing_zero_decimals"] = m_normalizedCustomers;
        m_decisions["lines_without_customer"] = m_anonymousLines;
        m_result.report = {
            {"source", "txnlog"},     {"path", m_path.toStdString()},
            {"files", m_fileReports}, {"decisions", m_decisions},
            {"seconds", seconds},     {"source_records_per_second", seconds > 0 ? double(records) / seconds : 0.0}};
        return std::move(m_result);
    }

private:
    // Every file's header and date order before anything is written: a
    // refusal leaves the snapshot folder empty.
    void prepare()
    {
        m_path = pathOption(m_options, "txnlog");
        const DateOrder stated = statedDateOrder(m_options);
        m_channel = textOption(m_options, "channel", "Website");
        m_anonymous = textOption(m_options, "anonymous_customer", std::string());
        const QFileInfo info(m_path);
        QStringList paths;
        if (info.isDir()) {
            const QDir dir(m_path);
            for (const QString &name :
                 dir.entryList({QStringLiteral("*.csv"), QStringLiteral("*.CSV")}, QDir::Files, QDir::Name))
                paths << dir.filePath(name);
            if (paths.isEmpty())
                throw SourceError("the transaction-log folder " + m_path.toStdString() + " holds no .csv file");
        } else if (info.isFile()) {
            paths << m_path;
        } else {
            throw SourceError("the transaction log " + m_path.toStdString() + " does not exist");
        }
        for (const QString &path : std::as_const(paths)) {
            LogFile f;
            f.csv = std::make_unique<SourceCsv>(path);
            SourceCsv &c = *f.csv;
            f.columns.invoice =
                c.require({"InvoiceNo", "Invoice", "InvoiceNumber"}, "orders.order_id, order_lines.order_id");
            f.columns.stock =
                c.require({"StockCode", "Stock Code", "ProductCode"}, "products.product_id, order_lines.product_id");
            f.columns.description = c.require({"Description"}, "products.product_name, order_lines.description");
            f.columns.quantity = c.require({"Quantity"}, "order_lines.quantity");
            f.columns.date = c.require({"InvoiceDate"}, "orders.order_ts, product_prices.valid_from");
            f.columns.price = c.require({"UnitPrice", "Price"}, "order_lines.unit_price, product_prices.unit_price");
            f.columns.customer = c.require({"CustomerID", "Customer ID"}, "orders.customer_id, customers.customer_id");
            f.columns.country = c.require({"Country"}, "orders.country_code, customers.country_code, countries");
            c.expectNumber(f.columns.quantity, NumberRange::Int32);
            c.expectNumber(f.columns.price, NumberRange::Amount);
            f.columns.dateSlot = f.times.add(f.columns.date, c.header()[std::size_t(f.columns.date)]);
            f.times.decide(c, stated, m_observer, m_cancel, QStringLiteral("order_lines"));
            m_files.push_back(std::move(f));
        }
        m_decisions["date_order_stated"] = toString(stated);
        m_decisions["channel"] =
            m_channel +
            (m_options.contains("channel") ? " (option channel)" : " (default; option channel=… changes it)");
        m_decisions["cancellations"] = std::string("invoices starting with \"") + kCancellationPrefix +
                                       "\": status Cancelled, other invoices Completed";
        m_decisions["line_no"] = "the line's position within its invoice, in file order (files in name order): stable "
                                 "across re-imports of the same file";
        m_decisions["line_total"] =
            "quantity × unit_price, rounded half to even to the cent; orders.items_subtotal and "
            "order_total are the sum of their lines' totals";
        m_decisions["anonymous_customer"] =
            m_anonymous.empty()
                ? "lines without CustomerID are guest checkouts: kept, counted in revenue, not in "
                  "customer figures (option anonymous_customer=ID names a customer for them instead)"
                : "lines without CustomerID belong to customer " + m_anonymous + " (option anonymous_customer)";
    }

    void readLines(LogFile &f, StagedTable &out)
    {
        const Columns &c = f.columns;
        f.csv->read(
            m_observer, m_cancel, QStringLiteral("order_lines"),
            [&](const csv::Record &r) {
                const std::string invoiceId = SourceCsv::field(r, c.invoice);
                const std::string product = SourceCsv::field(r, c.stock);
                const std::string description = SourceCsv::field(r, c.description);
                const std::string quantityText = SourceCsv::field(r, c.quantity);
                const std::string priceText = SourceCsv::field(r, c.price);

                // Quantity and price are in range here (SourceCsv checked them);
                // their product may still not be an amount: judged before the
                // line feeds any invoice, customer, product or country.
                bool quantityOk = false;
                const qlonglong quantity = QString::fromStdString(quantityText).toLongLong(&quantityOk);
                const auto price = Decimal::tryParse(priceText);
                std::optional<Decimal> total;
                if (quantityOk && price) {
                    total = lineTotalOf(*price, quantity);
                    if (!total) {
                        out.writeUnreadable(f.csv->name() + ":" + std::to_string(r.line) + ": the line total " +
                                                quantityText + " × " + priceText +
                                                " is out of range (at most 10 digits before the "
                                                "decimal point)",
                                            r.raw);
                        return;
                    }
                }
                const std::string lineTotal = total ? money(*total) : std::string();
                const std::string ts = f.times.convert(r, c.dateSlot);
                bool normalized = false;
                std::string customer = customerId(SourceCsv::field(r, c.customer), normalized);
                m_normalizedCustomers += normalized ? 1 : 0;
                if (customer.empty()) {
                    ++m_anonymousLines;
                    customer = m_anonymous;
                }
                const std::string country = countryCode(SourceCsv::field(r, c.country));

                auto [it, added] = m_invoices.try_emplace(invoiceId);
                Invoice &inv = it->second;
                if (added) {
                    m_invoiceOrder.push_back(invoiceId);
                    inv.customer = customer;
                    inv.ts = ts;
                    inv.country = country;
                } else if (inv.customer != customer || inv.ts != ts || inv.country != country) {
                    inv.disagrees = true;
                }
                if (!total || !addAmount(inv.subtotal, *total))
                    inv.amountsKnown = false;
                out.write(
                    {invoiceId, std::to_string(++inv.lines), product, quantityText, priceText, lineTotal, description});

                if (!customer.empty() && !m_customers.count(customer)) {
                    m_customers.emplace(customer, country);
                    m_customerOrder.push_back(customer);
                }
                auto [p, newProduct] = m_products.try_emplace(product);
                if (newProduct)
                    m_productOrder.push_back(product);
                if (p->second.name.empty())
                    p->second.name = description;
                const bool sale = invoiceId.rfind(kCancellationPrefix, 0) != 0 && quantityOk && quantity > 0;
                if (sale && price && *price > Decimal() && ts.size() >= 19)
                    p->second.prices.push_back({ts, *price});
            },
            [&](const csv::Malformed &bad, const std::string &message) { out.writeUnreadable(message, bad.raw); });
    }

    std::string countryCode(const std::string &name)
    {
        if (const auto known = m_countryCodes.find(name); known != m_countryCodes.end())
            return known->second;
        std::string code = name;
        if (const std::optional<txnlog::Country> country = txnlog::countryForName(name)) {
            code = country->code;
            if (!m_countryRows.count(code))
                m_countryRows[code] = {country->name, country->region};
            m_countryMapping[name] = code;
        } else if (!name.empty()) {
            m_countryRows.emplace(code, std::pair<std::string, std::string>(name, std::string()));
            m_countryMapping[name] = code + " (no ISO code known: the name is its own code)";
        }
        m_countryCodes.emplace(name, code);
        return code;
    }

    void writeCountries()
    {
        StagedTable out(m_directory, "countries", {"country_code", "country_name", "region"});
        for (const auto &[code, nameRegion] : m_countryRows)
            out.write({code, nameRegion.first, nameRegion.second});
        out.close();
        m_result.rows["countries"] = out.rows();
        m_decisions["countries"] = m_countryMapping;
    }

    void writeCustomers()
    {
        StagedTable out(m_directory, "customers", {"customer_id", "country_code"});
        for (const std::string &id : m_customerOrder)
            out.write({id, m_customers[id]});
        out.close();
        m_result.rows["customers"] = out.rows();
    }

    void writeProducts()
    {
        StagedTable categories(m_directory, "categories", {"category_id", "category_name"});
        categories.write({kUncategorised, "Uncategorised"});
        categories.close();
        m_result.rows["categories"] = categories.rows();

        StagedTable products(m_directory, "products", {"product_id", "product_name", "category_id"});
        StagedTable prices(m_directory, "product_prices", {"product_id", "valid_from", "unit_price"});
        std::int64_t unnamed = 0;
        for (const std::string &id : m_productOrder) {
            Product &p = m_products[id];
            unnamed += p.name.empty() ? 1 : 0;
            products.write({id, p.name, kUncategorised});
            for (const PricePoint &point : priceChanges(std::move(p.prices)))
                prices.write({id, point.ts, money(point.price)});
            throwIfCancelled(m_observer, m_cancel);
        }
        products.close();
        prices.close();
        m_result.rows["products"] = products.rows();
        m_result.rows["product_prices"] = prices.rows();
        m_decisions["products"] = "product_id = StockCode, product_name = its first non-empty description, category "
                                  "\"uncategorised\" (the log has none); " +
                                  std::to_string(unnamed) +
                                  " products have no description in this import (quarantined "
                                  "for it; their lines still resolve against a product known from an earlier import)";
        m_decisions["product_prices"] = "a point wherever a product's unit price changes, in time order, from sales "
                                        "with a price above 0 (cancellations and free lines are not list prices)";
    }

    void writeOrders()
    {
        StagedTable out(m_directory, "orders",
                        {"order_id", "customer_id", "order_ts", "channel", "status", "country_code", "items_subtotal",
                         "discount_total", "shipping_fee", "order_total"});
        std::int64_t cancellations = 0, disagreeing = 0;
        for (const std::string &id : m_invoiceOrder) {
            const Invoice &inv = m_invoices[id];
            const bool cancelled = id.rfind(kCancellationPrefix, 0) == 0;
            cancellations += cancelled ? 1 : 0;
            disagreeing += inv.disagrees ? 1 : 0;
            const std::string amount = inv.amountsKnown ? money(inv.subtotal) : std::string();
            out.write({id, inv.customer, inv.ts, m_channel, cancelled ? "Cancelled" : "Completed", inv.country, amount,
                       inv.amountsKnown ? "0.00" : "", inv.amountsKnown ? "0.00" : "", amount});
        }
        out.close();
        m_result.rows["orders"] = out.rows();
        m_decisions["invoices"] = {{"invoices", std::int64_t(m_invoiceOrder.size())},
                                   {"cancellations", cancellations},
                                   {"invoices_whose_lines_disagree_on_customer_time_or_country", disagreeing},
                                   {"rule", "an invoice takes its customer, time and country from its first line"}};
    }

    const nlohmann::json &m_options;
    QString m_directory;
    StageObserver &m_observer;
    CancelToken &m_cancel;

    QString m_path;
    std::string m_channel;
    std::string m_anonymous;
    std::vector<LogFile> m_files;

    std::unordered_map<std::string, Invoice> m_invoices;
    std::vector<std::string> m_invoiceOrder;
    std::unordered_map<std::string, std::string> m_customers; // id → country code
    std::vector<std::string> m_customerOrder;
    std::unordered_map<std::string, Product> m_products;
    std::vector<std::string> m_productOrder;
    std::unordered_map<std::string, std::string> m_countryCodes;              // name as written → code
    std::map<std::string, std::pair<std::string, std::string>> m_countryRows; // code → name, region
    std::map<std::string, std::string> m_countryMapping;                      // for the report
    std::int64_t m_normalizedCustomers = 0;
    std::int64_t m_anonymousLines = 0;

    SourceResult m_result;
    nlohmann::json m_fileReports = nlohmann::json::array();
    nlohmann::json m_decisions = nlohmann::json::object();
};

} // namespace

SourceResult TxnLogSource::produce(const nlohmann::json &options, const QString &directory, StageObserver &observer,
                                   CancelToken &cancel) const
{
    return TxnLogImport(options, directory, observer, cancel).run();
}

} // namespace ecomops::sources
