#include "sources/sourcedb/ShopSeeder.h"

#include "csv/Reader.h"
#include "load/PgConnection.h"
#include "sources/SourceAdapter.h"
#include "sources/synthetic/Generator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

namespace ecomops::sources {

const std::vector<ShopTable> &shopTables()
{
    // Money is numeric without a fixed scale: it keeps the digits it was
    // given, so a snapshot writes the same text the generator wrote.
    static const std::vector<ShopTable> tables = {
        {"countries", "country_code text, country_name text, region text", "country_code", {}},
        {"categories",
         "category_id bigint, category_name text, parent_category_id bigint",
         "category_id",
         {{"parent_category_id", "categories", "category_id"}}},
        {"products",
         "product_id text, product_name text, category_id bigint, created_at timestamp",
         "product_id",
         {{"category_id", "categories", "category_id"}}},
        {"product_prices",
         "product_id text, valid_from timestamp, unit_price numeric",
         "product_id, valid_from",
         {{"product_id", "products", "product_id"}}},
        {"customers",
         "customer_id bigint, email text, first_name text, last_name text, phone text, country_code text, city text, "
         "signup_date date",
         "customer_id",
         {{"country_code", "countries", "country_code"}}},
        {"customer_segments",
         "customer_id bigint, valid_from timestamp, segment text",
         "customer_id, valid_from",
         {{"customer_id", "customers", "customer_id"}}},
        {"orders",
         "order_id bigint, customer_id bigint, order_ts timestamp, channel text, status text, payment_method text, "
         "country_code text, items_subtotal numeric, discount_total numeric, shipping_fee numeric, order_total numeric",
         "order_id",
         {{"customer_id", "customers", "customer_id"}, {"country_code", "countries", "country_code"}}},
        {"order_lines",
         "order_id bigint, line_no integer, product_id text, quantity integer, unit_price numeric, discount numeric, "
         "line_total numeric",
         "order_id, line_no",
         {{"order_id", "orders", "order_id"}, {"product_id", "products", "product_id"}}},
        {"payments",
         "payment_id bigint, order_id bigint, paid_ts timestamp, method text, amount numeric",
         "payment_id",
         {{"order_id", "orders", "order_id"}}},
        {"invoices",
         "invoice_id text, order_id bigint, invoice_ts timestamp, amount numeric",
         "invoice_id",
         {{"order_id", "orders", "order_id"}}},
        {"events",
         "event_id bigint, session_id text, customer_id bigint, event_ts timestamp, event_type text, product_id text",
         "event_id",
         {{"customer_id", "customers", "customer_id"}, {"product_id", "products", "product_id"}}},
    };
    return tables;
}

namespace {

std::string header(const std::string &path)
{
    const csv::Reader reader(path);
    std::string columns;
    for (const std::string &c : reader.header())
        columns += (columns.empty() ? "" : ", ") + c;
    return columns;
}

qint64 copyFile(load::PgConnection &db, const std::string &table, const std::string &path, CancelToken &cancel)
{
    db.copyBegin("COPY " + table + " (" + header(path) + ") FROM STDIN (FORMAT csv, HEADER true)");
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) {
        db.copyAbort("cannot read the generated file");
        throw SourceError("cannot read " + path);
    }
    std::vector<char> chunk(std::size_t(1) << 20);
    std::size_t n = 0;
    while ((n = std::fread(chunk.data(), 1, chunk.size(), f)) > 0) {
        if (cancel.isCancelled()) {
            std::fclose(f);
            db.copyAbort("cancelled");
            throw CancelledError();
        }
        db.copySend(chunk.data(), n);
    }
    std::fclose(f);
    return db.copyEnd();
}

} // namespace

SeedResult seedShop(const QString &conninfo, const synthetic::GeneratorOptions &options, const std::string &schema,
                    const SeedProgress &progress, CancelToken &cancel)
{
    if (options.defects.any())
        throw SourceError("a seeded source database holds a clean shop: its keys cannot hold planted defects");
    SeedResult result;
    QTemporaryDir work;
    if (!work.isValid())
        throw SourceError("cannot create a temporary folder for the generated shop");
    QElapsedTimer clock;
    clock.start();
    progress(QStringLiteral("generating the synthetic shop (scale %1, seed %2)").arg(options.scale).arg(options.seed));
    const synthetic::Generator generator(options);
    const auto generated = generator.generate(QFile::encodeName(work.path()).toStdString(), {}, cancel.flag());
    if (generated.status == synthetic::GenerationResult::Status::Cancelled)
        throw CancelledError();
    result.generateSeconds = double(clock.restart()) / 1000.0;

    try {
        load::PgConnection db(conninfo);
        const auto interrupt = db.interruptOn(cancel);
        const std::string s = db.quoteIdentifier(schema);
        db.exec("BEGIN");
        db.exec("CREATE SCHEMA IF NOT EXISTS " + s);
        for (auto t = shopTables().rbegin(); t != shopTables().rend(); ++t)
            db.exec("DROP TABLE IF EXISTS " + s + "." + t->name + " CASCADE");
        for (const ShopTable &t : shopTables()) {
            db.exec("CREATE TABLE " + s + "." + t.name + " (" + t.columns + ")");
            const std::string file =
                QFile::encodeName(QDir(work.path()).filePath(QString::fromStdString(t.name + ".csv"))).toStdString();
            progress(
                QStringLiteral("loading %1.%2").arg(QString::fromStdString(schema), QString::fromStdString(t.name)));
            result.rows[t.name] = copyFile(db, s + "." + t.name, file, cancel);
        }
        // Keys after the rows, as a bulk load does: one index build per key.
        for (const ShopTable &t : shopTables())
            db.exec("ALTER TABLE " + s + "." + t.name + " ADD PRIMARY KEY (" + t.primaryKey + ")");
        for (const ShopTable &t : shopTables()) {
            for (const ShopForeignKey &fk : t.foreignKeys)
                db.exec("ALTER TABLE " + s + "." + t.name + " ADD FOREIGN KEY (" + fk.column + ") REFERENCES " + s +
                        "." + fk.table + " (" + fk.key + ")");
        }
        db.exec("COMMIT");
        for (const ShopTable &t : shopTables())
            db.exec("ANALYZE " + s + "." + t.name);
    } catch (const load::PgError &e) {
        if (cancel.isCancelled())
            throw CancelledError();
        throw SourceError(std::string("seeding the source database failed: ") + e.what());
    }
    result.loadSeconds = double(clock.elapsed()) / 1000.0;
    return result;
}

} // namespace ecomops::sources
