#include "sources/sourcedb/SourceDbSource.h"

#include "core/Utf8.h"
#include "database/ConnectionProfile.h"
#include "load/PgConnection.h"
#include "sources/common/ImportSupport.h"
#include "staging/Catalog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <libpq-fe.h>

#include <cstdio>
#include <map>
#include <memory>

namespace ecomops::sources {
namespace {

struct SourceColumn {
    std::string name;
    std::string type;
};

struct ResultDeleter {
    void operator()(PGresult *r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

struct FileCloser {
    void operator()(std::FILE *f) const { std::fclose(f); }
};

// Where the data came from, without a password.
nlohmann::json describeConnection(pg_conn *conn)
{
    return {{"host", PQhost(conn) ? PQhost(conn) : ""},
            {"port", PQport(conn) ? PQport(conn) : ""},
            {"database", PQdb(conn) ? PQdb(conn) : ""},
            {"user", PQuser(conn) ? PQuser(conn) : ""}};
}

std::map<std::string, std::vector<SourceColumn>> sourceTables(pg_conn *conn, const std::string &schema)
{
    const char *params[] = {schema.c_str()};
    Result r(PQexecParams(conn,
                          "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) "
                          "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                          "JOIN pg_namespace n ON n.oid = c.relnamespace "
                          "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 "
                          "AND NOT a.attisdropped ORDER BY c.relname, a.attnum",
                          1, nullptr, params, nullptr, nullptr, 0));
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
        throw SourceError(std::string("cannot read the source schema: ") + PQresultErrorMessage(r.get()));
    std::map<std::string, std::vector<SourceColumn>> tables;
    for (int i = 0; i < PQntuples(r.get()); ++i)
        tables[PQgetvalue(r.get(), i, 0)].push_back({PQgetvalue(r.get(), i, 1), PQgetvalue(r.get(), i, 2)});
    return tables;
}

qint64 estimatedRows(load::PgConnection &db, const std::string &qualified)
{
    Result r(PQexec(
        db.handle(),
        ("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = '" + qualified + "'::regclass").c_str()));
    return PQresultStatus(r.get()) == PGRES_TUPLES_OK && PQntuples(r.get()) == 1 ? std::atoll(PQgetvalue(r.get(), 0, 0))
                                                                                 : -1;
}

// One table: its plan (columns, the SELECT) and what it became.
struct TablePlan {
    const staging::TableSpec *spec = nullptr;
    std::string select;
    nlohmann::json report = nlohmann::json::object();
};

TablePlan plan(load::PgConnection &db, const std::string &schema, const staging::TableSpec &spec,
               const std::vector<SourceColumn> &source)
{
    TablePlan p;
    p.spec = &spec;
    std::map<std::string, std::string> types;
    for (const SourceColumn &c : source)
        types[c.name] = c.type;
    std::string list, missing;
    nlohmann::json mapped = nlohmann::json::object();
    for (const staging::Column &c : spec.columns) {
        const auto it = types.find(c.name);
        const std::string q = db.quoteIdentifier(c.name);
        if (it == types.end()) {
            // Every column of the table, in the catalogue's order: whatever
            // reads the file by position reads it right.
            missing += (missing.empty() ? "" : ", ") + c.name;
            list += std::string(list.empty() ? "" : ", ") + "NULL AS " + q;
            continue;
        }
        const bool utc = it->second == "timestamp with time zone";
        list += std::string(list.empty() ? "" : ", ") + (utc ? "(" + q + " AT TIME ZONE 'UTC') AS " + q : q);
        mapped[c.name] = spec.name + "." + c.name + (utc ? " (timestamptz, written in UTC)" : "");
        types.erase(it);
    }
    for (const std::string &key : spec.businessKey) {
        if (!mapped.contains(key))
            throw SourceError("the source table " + schema + "." + spec.name + " lacks its key column " + key);
    }
    std::string order;
    for (const std::string &key : spec.businessKey)
        order += (order.empty() ? "" : ", ") + db.quoteIdentifier(key);
    p.select = "COPY (SELECT " + list + " FROM " + db.quoteIdentifier(schema) + "." + db.quoteIdentifier(spec.name) +
               " ORDER BY " + order + ") TO STDOUT (FORMAT csv, HEADER true)";
    std::vector<std::string> ignored;
    for (const auto &[name, type] : types)
        ignored.push_back(name);
    p.report = {{"source", schema + "." + spec.name}, {"columns", mapped}, {"ignored_columns", ignored}};
    if (!missing.empty())
        p.report["absent_columns_left_null"] = missing;
    return p;
}

// COPY … TO STDOUT into `path`, a row at a time. Returns the rows.
qint64 copyOut(load::PgConnection &db, const TablePlan &p, const QString &path, StageObserver &observer,
               const CancelToken &cancel, qint64 expected)
{
    const QString table = QString::fromStdString(p.spec->name);
    std::unique_ptr<std::FILE, FileCloser> out(std::fopen(QFile::encodeName(path).constData(), "wb"));
    if (!out)
        throw SourceError("cannot create " + path.toStdString());
    Result start(PQexec(db.handle(), p.select.c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_OUT)
        throw SourceError("cannot copy " + p.report["source"].get<std::string>() + ": " +
                          PQresultErrorMessage(start.get()));
    qint64 lines = 0;
    for (;;) {
        char *buffer = nullptr;
        const int n = PQgetCopyData(db.handle(), &buffer, 0);
        if (n < 0)
            break;
        const std::size_t written = std::fwrite(buffer, 1, std::size_t(n), out.get());
        PQfreemem(buffer);
        if (written != std::size_t(n))
            throw SourceError("cannot write " + path.toStdString() + " (disk full?)");
        if (++lines % 20000 == 0) {
            observer.progress(table, lines - 1, std::max(expected, lines - 1));
            if (cancel.isCancelled() || observer.cancelRequested()) {
                // The interrupter has sent the cancel request; drain what is left.
                while (PGresult *rest = PQgetResult(db.handle()))
                    PQclear(rest);
                throw CancelledError();
            }
        }
    }
    qint64 rows = -1;
    while (PGresult *raw = PQgetResult(db.handle())) {
        Result r(raw);
        if (PQresultStatus(raw) != PGRES_COMMAND_OK) {
            if (cancel.isCancelled())
                throw CancelledError();
            throw SourceError("copying " + p.report["source"].get<std::string>() +
                              " failed: " + PQresultErrorMessage(raw));
        }
        rows = std::atoll(PQcmdTuples(raw));
    }
    if (std::fclose(out.release()) != 0)
        throw SourceError("cannot write " + path.toStdString());
    observer.progress(table, rows, rows);
    return rows;
}

} // namespace

SourceResult SourceDbSource::produce(const nlohmann::json &options, const QString &directory, StageObserver &observer,
                                     CancelToken &cancel) const
{
    const std::string conninfo = textOption(options, "conninfo", std::string());
    const std::string schema = textOption(options, "schema", "shop");
    if (conninfo.empty())
        throw SourceError("the sourcedb source needs a connection: --option conninfo=\"host=… dbname=…\"");
    QElapsedTimer clock;
    clock.start();
    SourceResult result;
    try {
        load::PgConnection db(QString::fromStdString(conninfo));
        const auto interrupt = db.interruptOn(cancel);
        db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        db.exec("SET LOCAL DateStyle = 'ISO, YMD'");
        db.exec("SET LOCAL TimeZone = 'UTC'");
        db.exec("SET LOCAL extra_float_digits = 3");
        const auto tables = sourceTables(db.handle(), schema);
        if (tables.empty())
            throw SourceError("the source database has no tables in the schema \"" + schema + "\"");

        // Every table's plan first: a missing key column stops the import
        // before a file is written.
        std::vector<TablePlan> plans;
        std::vector<std::string> absent, ignoredTables;
        for (const staging::TableSpec &spec : staging::catalog()) {
            const auto it = tables.find(spec.name);
            if (it == tables.end())
                absent.push_back(spec.name);
            else
                plans.push_back(plan(db, schema, spec, it->second));
        }
        for (const auto &[name, columns] : tables) {
            if (!staging::findTable(name))
                ignoredTables.push_back(schema + "." + name);
        }

        nlohmann::json tableReports = nlohmann::json::object();
        qint64 total = 0;
        for (TablePlan &p : plans) {
            const QString path = QDir(directory).filePath(QString::fromStdString(p.spec->fileName()));
            const qint64 rows =
                copyOut(db, p, path, observer, cancel,
                        estimatedRows(db, db.quoteIdentifier(schema) + "." + db.quoteIdentifier(p.spec->name)));
            p.report["rows"] = rows;
            result.rows[p.spec->name] = rows;
            total += rows;
            tableReports[p.spec->name] = p.report;
            observer.log(LogLevel::Info, QStringLiteral("%1 → %2: %3 rows; ignored columns %4")
                                             .arg(QString::fromStdString(p.report["source"].get<std::string>()),
                                                  QString::fromStdString(p.spec->name))
                                             .arg(rows)
                                             .arg(QString::fromStdString(safeDump(p.report["ignored_columns"]))));
        }
        db.exec("COMMIT");
        const double seconds = double(clock.elapsed()) / 1000.0;
        result.report = {
            {"source", "sourcedb"},
            {"connection", describeConnection(db.handle())},
            {"schema", schema},
            {"consistency", "one REPEATABLE READ READ ONLY transaction: every table as of the same moment"},
            {"tables", tableReports},
            {"tables_not_in_source", absent},
            {"ignored_tables", ignoredTables},
            {"seconds", seconds},
            {"rows_per_second", seconds > 0 ? double(total) / seconds : 0.0}};
    } catch (const load::PgError &e) {
        if (cancel.isCancelled())
            throw CancelledError();
        // libpq quotes a connection string it cannot parse: the password must
        // not travel on in the run's error, log or record.
        throw SourceError(
            "the source database: " +
            db::scrubSecrets(QString::fromUtf8(e.what()), QString::fromStdString(conninfo)).toStdString());
    }
    return result;
}

} // namespace ecomops::sources
