#pragma once
// Shared by the warehouse suites: runs with their staging partitions,
// hand-written staged rows, and checksums of dw.
#include "RecordingObserver.h"
#include "warehouse/Warehouse.h"

#include <QStringList>

#include <map>
#include <string>

#include <pqxx/connection>

#include "TestDatabase.h"

namespace ecomops::test {

// A snapshot as hand-written CSV per staged table: a header naming the
// columns, then one row per line (source_line 2, 3, …). An empty field is
// NULL, as COPY … CSV would stage it; fields hold no commas or quotes.
using Snapshot = std::map<std::string, std::string>;

// A new ops.pipeline_run (started at `startedAt`, the effective time of the
// changes it detects) with its staging partitions.
qint64 createRun(pqxx::connection &c, const std::string &startedAt = "2026-01-01 00:00:00");
void stage(pqxx::connection &c, qint64 runId, const Snapshot &snapshot);

// createRun + stage + transform (+ refreshMarts) in one committed transaction.
struct LoadResult {
    qint64 runId = 0;
    warehouse::TransformReport transform;
    warehouse::MartReport marts;
};
LoadResult load(pqxx::connection &c, const Snapshot &snapshot, const std::string &startedAt = "2026-01-01 00:00:00",
                const warehouse::WarehouseOptions &options = {}, bool refresh = true);

// md5 of every row of every dw table (partitioned parents included), and counts.
std::map<std::string, std::string> dwChecksums(pqxx::connection &c);
std::map<std::string, long long> dwRowCounts(pqxx::connection &c);

// Every row, fields joined with '|', rows in query order.
QStringList rows(pqxx::connection &c, const std::string &sql);

} // namespace ecomops::test
