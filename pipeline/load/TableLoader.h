#pragma once
// Loads one staged CSV file into its run's staging table with COPY, streaming
// in constant memory: each valid record's fields go to the server in COPY's
// binary format, exactly as in the file (with its line number); malformed records, bytes
// that are not UTF-8, and rows a RowChecker rejects go to the quarantine in
// the same transaction, with every reason. The run's staging table is created
// in that transaction too, so a failed or cancelled load leaves nothing.
#include "core/Cancellation.h"
#include "core/Progress.h"
#include "core/Utf8.h"
#include "staging/Catalog.h"

#include <QString>

namespace ecomops::load {

class RowChecker;
class PgConnection;

struct TableLoadResult {
    TableCounts counts;   // stage "load": read = loaded + quarantined
    qint64 malformed = 0; // of quarantined: not valid CSV / not UTF-8
    qint64 rejectedByRules = 0;
    qint64 blankLines = 0; // skipped, not rows
    qint64 bytes = 0;
    double seconds = 0;
};

class TableLoader
{
public:
    TableLoader(QString conninfo, qint64 runId, const staging::TableSpec &table, QString csvPath, qint64 expectedRows);

    void setRowChecker(RowChecker *checker) { m_checker = checker; }

    // Throws PgError (transient or not: the caller decides to retry),
    // CancelledError, or csv::FileError / std::runtime_error for the file.
    // With `reuse`, loads over that connection (saving a connect per table);
    // after an exception the caller must discard it.
    TableLoadResult run(StageObserver &observer, CancelToken &cancel, PgConnection *reuse = nullptr);

    static std::string partitionName(const std::string &table, qint64 runId);

private:
    QString m_conninfo;
    qint64 m_runId;
    const staging::TableSpec &m_table;
    QString m_csvPath;
    qint64 m_expectedRows;
    RowChecker *m_checker = nullptr;
};

using ecomops::firstInvalidUtf8; // core/Utf8.h; sources check their records with it too

} // namespace ecomops::load
