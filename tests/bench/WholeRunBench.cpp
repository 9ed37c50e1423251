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

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
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

// One run through the engine, timed stage by stage.
struct TimedRun {
    runner::RunResult result;
    double seconds = 0;
    StageClock clock;
};

std::unique_ptr<TimedRun> timedRun(const QString &conninfo, const runner::RunSpec &spec)
{
    auto run = std::make_unique<TimedRun>();
    CancelToken cancel;
    QElapsedTimer wall;
    wall.start();
    run->result = runner::RunExecution(conninfo, spec, run->clock).execute(cancel);
    run->seconds = double(wall.nsecsElapsed()) / 1e9;
    run->clock.finish();
    if (run->result.status != runner::RunStatus::Succeeded)
        std::printf("  the run did not succeed (%s): %s\n", qPrintable(runner::toString(run->result.status)),
                    qPrintable(run->result.error));
    return run;
}

void printStages(const QString &conninfo, const TimedRun &run)
{
    // Stages that record no rows of their own (detect, marts) handle the
    // run's staged rows.
    const std::map<QString, qint64> rows = recordedRows(conninfo, run.result.runId);
    for (const QString &stage : run.clock.stages()) {
        const auto recorded = rows.find(stage);
        const bool own = recorded != rows.end() && recorded->second > 0 && stage != QLatin1String("detect");
        printLine(stage, own ? recorded->second : run.result.rowsRead, run.clock.seconds(stage),
                  QStringLiteral("peak RSS %1 MiB%2")
                      .arg(run.clock.peakMiB(stage), 0, 'f', 1)
                      .arg(own ? QString() : QStringLiteral(" (rows: the run's staged rows)")));
    }
    printLine(QStringLiteral("whole run"), run.result.rowsRead, run.seconds, QStringLiteral("wall clock of the run"));
}

runner::RunSpec syntheticSpec(const synthetic::GeneratorOptions &shop, const QString &stagingDir)
{
    runner::RunSpec spec;
    spec.sourceKind = QStringLiteral("synthetic");
    spec.sourceOptions = shop.toJson();
    spec.stagingDir = stagingDir;
    spec.trigger = runner::Trigger::Test;
    spec.startedBy = QStringLiteral("ecomops-bench");
    return spec;
}

// The incremental run: in a database of its own, a first run writes the
// shop's whole window but its last kDeltaDays days, and the run timed is the
// second, which adds those days' orders, lines, payments, invoices and
// clickstream (about 1 % of the orders) and sends the unchanged master data
// again, as a daily export would.
constexpr int kDeltaDays = 3;

void benchIncremental(const QString &server, const QTemporaryDir &work, const QString &scaleText,
                      const synthetic::GeneratorOptions &shop, double fullSeconds)
{
    QString name = QStringLiteral("bench_delta_") + scaleText;
    name.replace(QLatin1Char('.'), QLatin1Char('_'));
    const QString conninfo = freshDatabase(server, name);
    const int days = int(shop.startDate.daysTo(shop.startDate.addMonths(shop.months)));
    synthetic::GeneratorOptions before = shop, delta = shop;
    before.activityDays = {0, days - kDeltaDays};
    delta.activityDays = {days - kDeltaDays, -1};
    const runner::RunSpec first = syntheticSpec(before, work.filePath(name + QStringLiteral("_first")));
    const runner::RunSpec second = syntheticSpec(delta, work.filePath(name + QStringLiteral("_delta")));
    std::printf("\nscale %s: the incremental run (the last %d days of the window into the warehouse that holds the "
                "rest)\n",
                qPrintable(scaleText), kDeltaDays);
    const bool filled = timedRun(conninfo, first)->result.status == runner::RunStatus::Succeeded;
    QDir(first.stagingDir).removeRecursively();
    if (!filled)
        return;
    const std::unique_ptr<TimedRun> run = timedRun(conninfo, second);
    QDir(second.stagingDir).removeRecursively();
    if (run->result.status != runner::RunStatus::Succeeded)
        return;
    pqxx::connection c{conninfo.toStdString()};
    pqxx::read_transaction tx{c};
    const auto orders = tx.exec_params1("SELECT count(*) FILTER (WHERE created_run_id = $1), count(*) "
                                        "FROM dw.fact_order",
                                        run->result.runId);
    printStages(conninfo, *run);
    std::printf("  => the incremental run added %lld of %lld orders (%.2f %%) in %.2f s: %.1f %% of the full run's "
                "%.2f s (goal: at most 15 %%)\n",
                orders[0].as<long long>(), orders[1].as<long long>(),
                100.0 * orders[0].as<double>() / std::max(1.0, orders[1].as<double>()), run->seconds,
                fullSeconds > 0 ? 100.0 * run->seconds / fullSeconds : 0.0, fullSeconds);
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
    const runner::RunSpec spec = syntheticSpec(shop, work.filePath(name));

    std::printf("\nscale %s: the whole run into an empty warehouse (synthetic shop, seed 7)\n", qPrintable(scaleText));
    const std::unique_ptr<TimedRun> run = timedRun(conninfo, spec);
    if (run->result.status != runner::RunStatus::Succeeded)
        return false;
    printStages(conninfo, *run);

    pqxx::connection admin{conninfo.toStdString()};
    const staging::Snapshot snapshot = staging::Snapshot::open(run->result.snapshotPath);
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
    std::printf("  => whole run / psql \\copy = %.1f×\n", copySeconds > 0 ? run->seconds / copySeconds : 0.0);
    std::fflush(stdout);
    QDir(spec.stagingDir).removeRecursively();
    if (!explain)
        benchIncremental(server, work, scaleText, shop, run->seconds);
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
