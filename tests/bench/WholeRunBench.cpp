#include "WholeRunBench.h"

#include "BenchSupport.h"
#include "ExplainCapture.h"
#include "core/Cancellation.h"
#include "runner/RunEvents.h"
#include "runner/RunExecution.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QDir>
#include <QElapsedTimer>

#include <pqxx/pqxx>

#include <cstdio>
#include <map>
#include <mutex>
#include <optional>

namespace ecomops::bench {
namespace {

// Times each stage and notes the client's peak memory in it, from the run's
// progress events: when the stage of those events changes, the time and the
// peak so far belong to the stage that ended, and both start again. (Log
// lines are left out: a stage's summary is logged after the publish commit.)
// Events come from the loader threads too, hence the lock.
class StageClock : public runner::RunEvents
{
public:
    StageClock() { m_clock.start(); }
    void runCreated(qint64) override {}
    void progress(const ProgressEvent &event) override { enter(event.stage); }
    void log(const LogLine &) override {}
    void tableFinished(const TableCounts &) override {}

    void finish() { enter(QString()); }
    const std::vector<QString> &stages() const { return m_order; }
    double seconds(const QString &stage) const { return m_seconds.at(stage); }
    double peakMiB(const QString &stage) const { return m_peak.at(stage); }

private:
    void enter(const QString &stage)
    {
        std::lock_guard lock(m_mutex);
        if (stage == m_current)
            return;
        const double now = double(m_clock.nsecsElapsed()) / 1e9;
        if (!m_current.isEmpty()) {
            m_seconds[m_current] += now - m_since;
            m_peak[m_current] = std::max(m_peak[m_current], peakMemoryMiB());
        }
        resetPeakMemory();
        m_current = stage;
        m_since = now;
        if (!stage.isEmpty() && m_seconds.count(stage) == 0) {
            m_order.push_back(stage);
            m_seconds[stage] = 0;
            m_peak[stage] = 0;
        }
    }

    std::mutex m_mutex;
    QElapsedTimer m_clock;
    QString m_current;
    double m_since = 0;
    std::vector<QString> m_order;
    std::map<QString, double> m_seconds;
    std::map<QString, double> m_peak;
};

// The rows the run recorded per stage (the sum over its tables).
std::map<QString, qint64> recordedRows(const QString &conninfo, qint64 runId)
{
    pqxx::connection c{conninfo.toStdString()};
    pqxx::read_transaction tx{c};
    std::map<QString, qint64> rows;
    for (const auto &row : tx.exec_params("SELECT stage, sum(rows_read) FROM ops.stage_result "
                                          "WHERE run_id = $1 AND table_name <> '' GROUP BY stage",
                                          runId))
        rows[QString::fromStdString(row[0].as<std::string>())] = row[1].as<qint64>(0);
    return rows;
}

void printLine(const QString &what, qint64 rows, double seconds, const QString &extra)
{
    std::printf("  %-12s %10lld rows %8.2f s %12.0f rows/s  %s\n", qPrintable(what), static_cast<long long>(rows),
                seconds, seconds > 0 ? double(rows) / seconds : 0.0, qPrintable(extra));
    std::fflush(stdout);
}

bool benchScale(const QString &server, const QTemporaryDir &work, const QString &scaleText,
                const WholeRunOptions &options)
{
    QString name = QStringLiteral("bench_whole_") + scaleText;
    name.replace(QLatin1Char('.'), QLatin1Char('_'));
    const QString conninfo = freshDatabase(server, name);
    std::optional<ExplainCapture> explain;
    if (!options.explainFile.isEmpty()) {
        pqxx::connection admin{server.toStdString()};
        explain.emplace(admin, name, options.serverLog, 10);
    }

    synthetic::GeneratorOptions shop;
    shop.scale = scaleText.toDouble();
    shop.seed = 7;
    runner::RunSpec spec;
    spec.sourceKind = QStringLiteral("synthetic");
    spec.sourceOptions = shop.toJson();
    spec.stagingDir = work.filePath(name);
    spec.trigger = runner::Trigger::Test;
    spec.startedBy = QStringLiteral("ecomops-bench");

    std::printf("\nscale %s: the whole run into an empty warehouse (synthetic shop, seed 7)\n", qPrintable(scaleText));
    StageClock clock;
    CancelToken cancel;
    QElapsedTimer wall;
    wall.start();
    const runner::RunResult result = runner::RunExecution(conninfo, spec, clock).execute(cancel);
    const double runSeconds = double(wall.nsecsElapsed()) / 1e9;
    clock.finish();
    if (result.status != runner::RunStatus::Succeeded) {
        std::printf("  the run did not succeed (%s): %s\n", qPrintable(runner::toString(result.status)),
                    qPrintable(result.error));
        return false;
    }
    // Stages that record no rows of their own (detect, marts) handle the
    // run's staged rows.
    const std::map<QString, qint64> rows = recordedRows(conninfo, result.runId);
    for (const QString &stage : clock.stages()) {
        const auto recorded = rows.find(stage);
        const bool own = recorded != rows.end() && recorded->second > 0 && stage != QLatin1String("detect");
        printLine(stage, own ? recorded->second : result.rowsRead, clock.seconds(stage),
                  QStringLiteral("peak RSS %1 MiB%2")
                      .arg(clock.peakMiB(stage), 0, 'f', 1)
                      .arg(own ? QString() : QStringLiteral(" (rows: the run's staged rows)")));
    }
    printLine(QStringLiteral("whole run"), result.rowsRead, runSeconds, QStringLiteral("wall clock of the run"));

    pqxx::connection admin{conninfo.toStdString()};
    const staging::Snapshot snapshot = staging::Snapshot::open(result.snapshotPath);
    const StagedFiles files = stagedFiles(snapshot);
    const double copySeconds = psqlCopySeconds(conninfo, admin, snapshot, files);
    printLine(QStringLiteral("psql \\copy"), files.rows, copySeconds,
              QStringLiteral("the same %1 MB of staged CSV into the same kind of staging tables")
                  .arg(double(files.bytes) / 1e6, 0, 'f', 1));
    if (explain) {
        std::printf("  (with --explain: auto_explain ANALYZE timed every statement, so these are not the figures "
                    "to quote)\n");
        explain->write(options.scales.size() > 1 ? options.explainFile + QLatin1Char('.') + scaleText
                                                 : options.explainFile);
    }
    std::printf("  => whole run / psql \\copy = %.1f×\n", copySeconds > 0 ? runSeconds / copySeconds : 0.0);
    std::printf("  incremental run: not measured — the synthetic source cannot yet add a delta of new orders to a "
                "warehouse it filled (issue 16)\n");
    std::fflush(stdout);
    QDir(spec.stagingDir).removeRecursively();
    return true;
}

} // namespace

int wholeRunBench(const QString &server, const QTemporaryDir &work, const WholeRunOptions &options)
{
    bool ok = true;
    for (const QString &scale : options.scales)
        ok = benchScale(server, work, scale.trimmed(), options) && ok;
    return ok ? 0 : 1;
}

} // namespace ecomops::bench
