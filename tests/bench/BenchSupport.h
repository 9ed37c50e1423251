#pragma once
// What the benchmarks share: a fresh migrated database on the bench server,
// peak client memory, medians, and psql's \copy of staged files (the
// reference every load figure is divided by).
#include "staging/Catalog.h"
#include "staging/Snapshot.h"

#include <QString>

#include <pqxx/pqxx>

#include <utility>
#include <vector>

namespace ecomops::bench {

// Peak resident memory of this process since the last reset (Linux: VmHWM,
// reset through /proc/self/clear_refs), in MiB.
void resetPeakMemory();
double peakMemoryMiB();

double median(std::vector<double> values);

// The same server, another database: libpq takes the last of repeated keys.
QString databaseConninfo(const QString &server, const QString &database);
// Dropped if it exists, created, and migrated to this build's schema.
QString freshDatabase(const QString &server, const QString &name);

// The staged files of a snapshot (all of them, or only `only`'s tables).
struct StagedFiles {
    std::vector<std::pair<const staging::TableSpec *, staging::SnapshotFile>> list;
    qint64 rows = 0;
    qint64 bytes = 0;
};
StagedFiles stagedFiles(const staging::Snapshot &snapshot, const QStringList &only = {});

// A run record for the loads of a benchmark, and its removal with its staging
// tables.
qint64 newBenchRun(pqxx::connection &admin);
void dropBenchRun(pqxx::connection &admin, qint64 runId);

// psql's \copy of every file into a run's staging table of the same kind the
// engine fills, made ready beforehand; only the \copy commands are timed, in
// one psql process. Returns seconds.
double psqlCopySeconds(const QString &conninfo, pqxx::connection &admin, const staging::Snapshot &snapshot,
                       const StagedFiles &files);

} // namespace ecomops::bench
