#include "WarehouseTestSupport.h"

#include <QStringList>

#include <pqxx/pqxx>

#include <sstream>

namespace ecomops::test {

qint64 createRun(pqxx::connection &c, const std::string &startedAt)
{
    pqxx::work tx{c};
    const qint64 runId =
        tx.exec_params1("INSERT INTO ops.pipeline_run (trigger, source_kind, started_by, spec, started_at) "
                        "VALUES ('test', 'test', 'tst_warehouse', '{}', $1::timestamp) RETURNING run_id",
                        startedAt)[0]
            .as<qint64>();
    warehouse::createRunPartitions(tx, runId);
    tx.commit();
    return runId;
}

void stage(pqxx::connection &c, qint64 runId, const Snapshot &snapshot)
{
    pqxx::work tx{c};
    for (const auto &[table, csv] : snapshot) {
        std::istringstream in(csv);
        std::string line;
        std::string columns;
        long long lineNo = 0;
        std::string values;
        while (std::getline(in, line)) {
            if (line.empty())
                continue;
            ++lineNo;
            if (lineNo == 1) {
                columns = line;
                continue;
            }
            std::string row = "(" + std::to_string(runId) + ", " + std::to_string(lineNo);
            std::size_t start = 0;
            for (;;) {
                const std::size_t comma = line.find(',', start);
                const std::string field =
                    line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                row += ", " + (field.empty() ? std::string("NULL") : tx.quote(field));
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
            values += (values.empty() ? "" : ", ") + row + ")";
        }
        if (!values.empty())
            tx.exec0("INSERT INTO staging." + tx.quote_name(table) + " (run_id, source_line, " + columns + ") VALUES " +
                     values);
    }
    tx.commit();
}

LoadResult load(pqxx::connection &c, const Snapshot &snapshot, const std::string &startedAt,
                const warehouse::WarehouseOptions &options, bool refresh)
{
    LoadResult result;
    result.runId = createRun(c, startedAt);
    stage(c, result.runId, snapshot);
    RecordingObserver observer;
    pqxx::work tx{c};
    result.transform = warehouse::transform(tx, result.runId, options, observer);
    if (refresh)
        result.marts = warehouse::refreshMarts(tx, options, observer);
    tx.commit();
    return result;
}

namespace {

QStringList dwTables(pqxx::connection &c)
{
    QStringList tables;
    for (const QString &row : rows(c, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                      "WHERE n.nspname = 'dw' AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
                                      "ORDER BY c.relname"))
        tables.append(row);
    return tables;
}

} // namespace

std::map<std::string, std::string> dwChecksums(pqxx::connection &c)
{
    std::map<std::string, std::string> sums;
    for (const QString &table : dwTables(c)) {
        const std::string name = table.toStdString();
        sums[name] =
            scalar(c, "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM dw." + name + " t")
                .toStdString();
    }
    return sums;
}

std::map<std::string, long long> dwRowCounts(pqxx::connection &c)
{
    std::map<std::string, long long> counts;
    for (const QString &table : dwTables(c)) {
        const std::string name = table.toStdString();
        // The unknown customer (0050) is part of the schema, not of any load.
        const std::string members = name == "dim_customer" ? " WHERE customer_sk <> dw.unknown_customer_sk()" : "";
        counts[name] = scalar(c, "SELECT count(*) FROM dw." + name + members).toLongLong();
    }
    return counts;
}

QStringList rows(pqxx::connection &c, const std::string &sql)
{
    pqxx::read_transaction tx{c};
    QStringList out;
    for (const auto &row : tx.exec(sql)) {
        QStringList fields;
        for (const auto &field : row)
            fields.append(field.is_null() ? QString() : QString::fromStdString(field.as<std::string>()));
        out.append(fields.join(QLatin1Char('|')));
    }
    return out;
}

} // namespace ecomops::test
