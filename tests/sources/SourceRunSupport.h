#pragma once
// Running a source end to end on a test database, and fingerprints of what
// the warehouse holds, for the integration suites.
#include "../runner/RunHarness.h"
#include "TestDatabase.h"

#include <QString>

#include <pqxx/pqxx>

#include <map>
#include <string>

namespace ecomops::test {

inline runner::RunSpec sourceSpec(const QString &kind, const nlohmann::json &options, const QString &stagingDir)
{
    runner::RunSpec spec;
    spec.sourceKind = kind;
    spec.sourceOptions = options;
    spec.stagingDir = stagingDir;
    spec.trigger = runner::Trigger::Test;
    spec.startedBy = QStringLiteral("tst_source");
    // Real samples fail the default integrity gate (their keys do not all
    // resolve): the run goes on and the scorecard says so.
    spec.gates = {{"mode", "warn"}};
    return spec;
}

struct SourceRun {
    runner::RunResult result;
    QString log;
};

inline SourceRun runSource(const TestDatabase &db, const runner::RunSpec &spec)
{
    RecordingEvents events;
    runner::RunExecution run(db.conninfo(), spec, events);
    CancelToken cancel;
    SourceRun r;
    r.result = run.execute(cancel);
    r.log = events.allLog();
    return r;
}

// An md5 of every row of every dw table (partitioned tables through their
// parent), keyed by table.
inline std::map<std::string, std::string> warehouseChecksums(pqxx::connection &c)
{
    pqxx::read_transaction tx{c};
    std::map<std::string, std::string> sums;
    const auto tables =
        tx.exec("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'dw' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1");
    for (const auto &t : tables) {
        const std::string name = t[0].as<std::string>();
        sums[name] =
            tx.exec1("SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM dw." +
                     tx.quote_name(name) + " x")[0]
                .as<std::string>();
    }
    return sums;
}

inline std::string text(pqxx::connection &c, const std::string &sql)
{
    pqxx::read_transaction tx{c};
    std::string out;
    for (const auto &row : tx.exec(sql)) {
        for (const auto &field : row)
            out += (field.is_null() ? std::string("NULL") : field.as<std::string>()) + "|";
        out += "\n";
    }
    return out;
}

// The quarantine of a run, by table, stage and first reason (ids and
// numbers as #), for the test log.
inline std::string quarantineSummary(pqxx::connection &c, qint64 runId)
{
    return text(
        c, "SELECT table_name, stage, count(*), min(reasons[1]) FROM quarantine.rejected_row WHERE run_id = " +
               std::to_string(runId) +
               " GROUP BY table_name, stage, regexp_replace(reasons[1], '\\m[0-9A-Za-z]*[0-9][0-9A-Za-z.]*', '#', 'g') "
               "ORDER BY 1, 3 DESC");
}

} // namespace ecomops::test
