#pragma once
// The transform stage (staged rows of a run → SCD dimensions and monthly-
// partitioned facts, unresolvable rows → quarantine) and the marts stage
// (refresh of the KPI materialized views). All the work is set-based SQL
// inside PostgreSQL (tables in resources/sql/0010…0014, functions and views
// in resources/sql/functions); these
// functions drive it one step at a time so progress is reported and a cancel
// lands between steps (or interrupts the statement in flight, when the
// runner calls connection.cancel_query()).
//
// Both run inside a transaction the caller owns and never commit it, so a
// failure or a cancel anywhere leaves the warehouse as it was. A cancel
// surfaces as ecomops::CancelledError; any other failure as the pqxx or
// WarehouseError exception that caused it.
#include "core/Progress.h"
#include "core/TimeSpan.h"
#include "warehouse/WarehouseOptions.h"

#include <QList>
#include <QString>

#include <pqxx/transaction_base>

#include <map>

namespace ecomops::warehouse {

struct StepTiming {
    QString step; // "orders", "order_summary", ...
    qint64 elapsedMs = 0;
};

struct TransformReport {
    QList<TableCounts> tables; // one per staged table, stage "transform"; each reconciles
    QList<StepTiming> steps;
    std::map<QString, TimeSpan> tableSpans; // when the step that produced each table ran
    qint64 productVersionsCreated = 0;
    qint64 customerVersionsCreated = 0;
    qint64 countryConflictsRecorded = 0;
    qint64 elapsedMs = 0;

    qint64 rowsRead() const;
    qint64 rowsLoaded() const;
    qint64 rowsRejected() const; // split-stream rejects, all tables
};

struct MartReport {
    QList<TableCounts> marts; // stage "marts": read = loaded = rows in the view
    QList<StepTiming> steps;
    qint64 elapsedMs = 0;
};

// The transform steps in the order they run, each dw.transform_<step>(run_id),
// as the database lists them (dw.transform_steps(), next to the functions).
QStringList transformSteps(pqxx::transaction_base &tx);
// The materialized views refreshMarts refreshes, in dependency order.
const QStringList &materializedMarts();

// Creates staging.<table>_r<runId> for every staging table, as the loader
// does; for tests and tools that stage rows without the loader.
void createRunPartitions(pqxx::transaction_base &tx, qint64 runId);

TransformReport transform(pqxx::transaction_base &tx, qint64 runId, const WarehouseOptions &options,
                          StageObserver &observer);

MartReport refreshMarts(pqxx::transaction_base &tx, const WarehouseOptions &options, StageObserver &observer);

} // namespace ecomops::warehouse
