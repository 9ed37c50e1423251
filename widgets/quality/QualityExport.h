#pragma once
// What the Data Quality workspace exports as CSV: the scorecard it shows
// (a row per table, every dimension), and every row that failed a rule.
#include "queries/QualityQueries.h"

#include <QStringList>

#include <vector>

namespace ecomops::widgets::qualityexport {

// A header, then one record per table (the whole run first).
std::vector<QStringList> scorecardRecords(const queries::RunScorecard &card);
// Every row that failed `ruleId`, read and written a page at a time so a
// rule that failed millions of rows never sits in memory at once. Blocking
// (SQL and a file): call it from a worker thread. The error in words, or "".
QString writeFailingRows(const QString &path, const QString &conninfo, qint64 runId, const QString &table,
                         const QString &ruleId);

} // namespace ecomops::widgets::qualityexport
