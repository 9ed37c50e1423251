#pragma once
// The validate stage of one run. Per-row rules run inside the load stage
// (checkerFor gives each table's loader its RowChecker); validate() then runs
// the set rules in SQL over the run's staged rows, quarantines the rows they
// reject, scores every table on the eight dimensions, evaluates the gates and
// records it all — in one transaction.
//
//   QualityStage quality(QualityOptions::fromJson(spec.gates), runId, runStart);
//   quality.setSnapshot(snapshot);
//   // per table, at the start of every load attempt (it resets the counters):
//   loader.setRowChecker(quality.checkerFor(table));
//   // after every table has loaded:
//   QualityReport report = quality.validate(connection, observer);
#include "core/Progress.h"
#include "core/TimeSpan.h"
#include "quality/QualityOptions.h"
#include "quality/RowRules.h"
#include "quality/Scoring.h"
#include "staging/Snapshot.h"

#include <QDateTime>
#include <QStringList>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
class transaction_base;
} // namespace pqxx

namespace ecomops::quality {

struct QualityReport {
    bool enabled = true;
    ScoreCard scores;
    std::vector<RuleResult> rules; // every rule applied, per table
    std::vector<TableFacts> facts;
    std::vector<TableCounts>
        counts;             // stage "validate": read = staged rows, loaded = rows passing, quarantined = rejected here
    qint64 quarantined = 0; // rows the set rules rejected, all tables
    std::map<std::string, TimeSpan> tableSpans; // per table, when its set rules ran
    double seconds = 0;

    // "passed", "warned" or "failed"; empty when quality checks are disabled.
    QString gateStatus() const;
    QStringList gateMessages() const;
    // True when a gate in "fail" mode failed: the run must fail (exit code 3).
    bool failsRun() const { return enabled && scores.status == GateStatus::Failed; }
    double overall() const { return scores.overall.value_or(-1); }
};

class QualityStage
{
public:
    QualityStage(QualityOptions options, qint64 runId, QDateTime runTime);
    ~QualityStage();
    QualityStage(const QualityStage &) = delete;
    QualityStage &operator=(const QualityStage &) = delete;

    const QualityOptions &options() const { return m_options; }
    qint64 runId() const { return m_runId; }
    QDateTime runTime() const { return m_runTime; }

    // The snapshot being loaded: when it was taken (for the snapshot.fresh
    // rule) and its files, whose headers say in which order each file holds
    // its table's columns (any subset, any order).
    void setSnapshot(const staging::Snapshot &snapshot);
    // Only the time, when there is no snapshot (the rule is unchecked when unset).
    void setSnapshotCreatedAt(const QDateTime &createdAt) { m_snapshotCreatedAt = createdAt; }

    // The row rules of one staged table, counters reset: call it at the start
    // of every load attempt of that table. The fields are taken in the order
    // of the table's file in the snapshot (setSnapshot), else of `header`,
    // else of the table's columns. Each table has its own checker, so tables
    // may load in parallel threads. nullptr when quality checks are disabled
    // or the table is unknown.
    load::RowChecker *checkerFor(const std::string &table);
    load::RowChecker *checkerFor(const std::string &table, const std::vector<std::string> &header);
    RowRules *rowRules(const std::string &table) const;

    // After the load stage. Runs the set rules, writes the quarantine rows
    // they reject (stage 'validate'; a row the loader already quarantined
    // gets the extra reasons appended), the scores, rule results, gates and
    // verdict (ops.quality_*), and commits — all in one transaction on
    // `connection`. A table whose loader ran without this stage's checker is
    // checked row by row here instead. Checks observer.cancelRequested()
    // between statements (throws CancelledError); a statement in flight is
    // interrupted by the caller's cancel_query on the connection. Reports
    // progress and one log line per table to `observer`; the caller records
    // the counts (report.counts), the verdict and the gate messages.
    // Running it again for the same run replaces what it wrote before.
    QualityReport validate(pqxx::connection_base &connection, StageObserver &observer);

    // After the transform, inside its transaction (the rejects it wrote are
    // visible only there): the validated report scored again with the
    // transform's rules (transform.reference, …) and every row the run set
    // aside counted against its dimension, gates evaluated anew. Nothing is
    // written: record it with recordScores (on any transaction).
    QualityReport scoreAfterTransform(pqxx::transaction_base &tx, const QualityReport &validated,
                                      const std::vector<TableCounts> &transformed) const;

    // Writes the report's scorecard (ops.quality_*), replacing the run's
    // earlier one.
    void recordScores(pqxx::transaction_base &tx, const QualityReport &report) const;

    // Writes the rule catalogue to ops.quality_rule (also done by validate),
    // so a console can list the rules before any run.
    static void publishCatalogue(pqxx::transaction_base &tx);

private:
    class Validation;

    QualityOptions m_options;
    qint64 m_runId;
    QDateTime m_runTime;
    QDateTime m_snapshotCreatedAt;
    std::map<std::string, QString> m_files; // table → its file in the snapshot
    std::map<std::string, std::unique_ptr<RowRules>> m_rowRules;
};

} // namespace ecomops::quality
