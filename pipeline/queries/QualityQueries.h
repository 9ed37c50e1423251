#pragma once
// Data quality as the console shows it: the validated runs, a run's
// scorecard per table (eight dimensions against their thresholds, and the
// overall score), the trend of a table's overall score across runs, the
// rules behind a dimension and the rows that failed a rule (quarantined rows
// and the examples a rule kept), each with its raw record and every reason.
// Blocking: each call opens its own connection, so call it from a worker
// thread. Failures throw std::exception (pqxx's, with the server's words).
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <vector>

namespace ecomops::queries {

// The eight dimensions, in the order a scorecard shows them.
const QStringList &qualityDimensions();

struct QualityRunInfo {
    qint64 runId = 0;
    QDateTime queuedAt;
    QString runStatus;   // succeeded, failed, …
    QString gateStatus;  // passed, warned, failed
    double overall = -1; // -1 when not scored
    qint64 rowsQuarantined = 0;
    QStringList messages; // the gates that failed, in words
};

struct DimensionScore {
    QString dimension;
    double score = -1;     // -1: nothing of this dimension was checked
    double threshold = -1; // -1: no threshold
    bool passed = true;
    qint64 checked = 0;
    qint64 failed = 0;
};

struct TableScorecard {
    QString table; // empty: the run as a whole
    double overall = -1;
    double overallThreshold = -1;
    QString verdict;                        // "pass", "warn" (a warn gate or a dimension below its threshold), "fail";
                                            // empty when nothing was checked; the whole run: its gates' verdict
    std::vector<DimensionScore> dimensions; // qualityDimensions() order, all eight
    qint64 checked = 0;
    qint64 failed = 0;
};

struct RunScorecard {
    qint64 runId = 0; // 0 when the run was not scored
    QString gateStatus;
    double overall = -1;
    QStringList messages;
    std::vector<TableScorecard> tables; // by table name; the whole run (empty name) first
};

struct TrendPoint {
    qint64 runId = 0;
    QDateTime at; // the run's queued time
    double score = -1;
    double threshold = -1;
    bool passed = true;
};

struct RuleResult {
    QString table; // the table the rule checked
    QString ruleId;
    QString description;
    QString severity; // reject, count, info (as applied in the run)
    QString kind;     // row, set, load, snapshot
    QStringList columns;
    qint64 checked = 0;
    qint64 failed = 0;
    double passPercent = -1;
};

struct FailingRow {
    qint64 sourceLine = 0;
    QString stage; // load / validate / transform when quarantined; empty for a kept example
    bool quarantined = false;
    QString value;       // the failing value, when the rule named one
    QString rawRecord;   // the record as read
    QStringList reasons; // every reason the row failed, not only this rule's
    QStringList ruleIds; // parallel to reasons where known
};

// Validated runs, newest first.
std::vector<QualityRunInfo> qualityRuns(const QString &conninfo, int limit = 200);
RunScorecard runScorecard(const QString &conninfo, qint64 runId);
// A table's overall score over its last `limit` runs, oldest first ("" = the whole run).
std::vector<TrendPoint> overallTrend(const QString &conninfo, const QString &table, int limit = 50);
// The rules of one dimension applied to a table in a run, the failing ones first.
std::vector<RuleResult> dimensionRules(const QString &conninfo, qint64 runId, const QString &table,
                                       const QString &dimension);
// One page of the rows that failed a rule: the quarantined ones naming it,
// by source line, from `offset` on; the first page also has the examples the
// rule kept that were not quarantined (a "count" rule keeps only examples).
struct FailingRowPage {
    std::vector<FailingRow> rows;
    qint64 quarantinedTotal = 0; // every quarantined row naming the rule
    int quarantinedInPage = 0;   // of `rows`; the next page starts at offset + this
    int examplesInPage = 0;      // kept examples that were not quarantined
};
FailingRowPage failingRowPage(const QString &conninfo, qint64 runId, const QString &table, const QString &ruleId,
                              int limit, qint64 offset);
// The first page's rows.
std::vector<FailingRow> failingRows(const QString &conninfo, qint64 runId, const QString &table, const QString &ruleId,
                                    int limit = 500);

} // namespace ecomops::queries

Q_DECLARE_METATYPE(ecomops::queries::QualityRunInfo)
