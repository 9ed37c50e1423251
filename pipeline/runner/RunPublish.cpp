// The stages after loading: validate (quality scores, set rules, gates) and
// publish (transform, detect, marts in one transaction).
#include "runner/RunExecutionInternals.h"

#include "anomalies/Detection.h"
#include "quality/QualityStage.h"
#include "quality/Scoring.h"
#include "warehouse/Warehouse.h"

#include <pqxx/pqxx>

namespace ecomops::runner {

void RunExecution::validateStage(CancelToken &cancel)
{
    const QString stage = QStringLiteral("validate");
    m_recorder.stageStarted(m_result.runId, stage, QString());
    quality::QualityReport report;
    attempt(stage, QString(), cancel, [&](int) {
        pqxx::connection connection{m_conninfo.toStdString()};
        const auto interrupt = cancel.onCancel([&connection] { connection.cancel_query(); });
        Reporter reporter(*this, stage, cancel);
        report = m_quality->validate(connection, reporter);
    });
    for (const TableCounts &counts : report.counts) {
        if (m_tableTotals.count(counts.table) == 0)
            continue; // a table this run did not stage
        m_recorder.stageFinished(m_result.runId, stage, counts, TableState::Succeeded, 1);
        m_recorder.stageSpan(m_result.runId, stage, counts.table, report.tableSpans[counts.table.toStdString()]);
        mergeStageCounts(counts);
    }
    if (!report.enabled) {
        m_recorder.stageFinished(m_result.runId, stage, {stage, QString(), 0, 0, 0}, TableState::Skipped, 1);
        emitLog(LogLevel::Warning, stage, QStringLiteral("quality checks are turned off for this run: nothing was scored"));
        return;
    }
    m_result.gateStatus = report.gateStatus();
    m_result.gateMessages = report.gateMessages();
    m_result.qualityOverall = report.overall();
    const LogLevel level = m_result.gateStatus == QLatin1String("passed") ? LogLevel::Info : LogLevel::Warning;
    emitLog(level, stage,
            QStringLiteral("quality gates %1: overall score %2, %3 rows rejected by table-wide rules, in %4 s")
                .arg(m_result.gateStatus)
                .arg(quality::oneDecimalScore(report.overall()), 0, 'f', 1)
                .arg(report.quarantined)
                .arg(report.seconds, 0, 'f', 2));
    for (const QString &message : m_result.gateMessages)
        emitLog(level, stage, message);
    if (report.failsRun()) {
        QString why = QObject::tr("quality gate failed: %1").arg(m_result.gateMessages.value(0));
        if (m_result.gateMessages.size() > 1)
            why += QObject::tr(" (and %1 more)").arg(m_result.gateMessages.size() - 1);
        m_recorder.stageFinished(m_result.runId, stage, {stage, QString(), 0, 0, 0}, TableState::Failed, 1, why);
        throw GateFailedError(why.toStdString());
    }
    m_recorder.stageFinished(m_result.runId, stage, {stage, QString(), 0, 0, 0}, TableState::Succeeded, 1);
}

void RunExecution::publishStage(CancelToken &cancel)
{
    // Transform, detect and marts in ONE transaction: a failure or a cancel
    // anywhere leaves dw, the flags and the marts exactly as they were.
    const QString stage = QStringLiteral("publish");
    const warehouse::WarehouseOptions warehouseOptions = warehouse::WarehouseOptions::fromJson(m_spec.warehouse);
    const anomalies::AnomalyOptions anomalyOptions = anomalies::AnomalyOptions::fromJson(m_spec.anomalies);
    m_recorder.stageStarted(m_result.runId, stage, QString());
    warehouse::TransformReport transformed;
    anomalies::DetectionReport detected;
    warehouse::MartReport marts;
    attempt(stage, QString(), cancel, [&](int) {
        pqxx::connection connection{m_conninfo.toStdString()};
        const auto interrupt = cancel.onCancel([&connection] { connection.cancel_query(); });
        pqxx::work tx{connection, "publish"};
        Reporter transformReporter(*this, QStringLiteral("transform"), cancel);
        transformed = warehouse::transform(tx, m_result.runId, warehouseOptions, transformReporter);
        cancel.throwIfCancelled();
        Reporter detectReporter(*this, QStringLiteral("detect"), cancel);
        detected = anomalies::detect(tx, m_result.runId, anomalyOptions, detectReporter);
        cancel.throwIfCancelled();
        Reporter martReporter(*this, QStringLiteral("marts"), cancel);
        marts = warehouse::refreshMarts(tx, warehouseOptions, martReporter);
        cancel.throwIfCancelled();
        tx.commit();
    });
    // Committed: from here on the warehouse has the run (see execute()).
    m_published = true;
    for (const TableCounts &counts : transformed.tables) {
        if (m_tableTotals.count(counts.table) == 0)
            continue;
        TableCounts c = counts;
        c.stage = QStringLiteral("transform");
        m_recorder.stageFinished(m_result.runId, c.stage, c, TableState::Succeeded, 1);
        m_recorder.stageSpan(m_result.runId, c.stage, c.table, transformed.tableSpans[c.table]);
        mergeStageCounts(c);
    }
    m_recorder.stageFinished(m_result.runId, QStringLiteral("detect"),
                             {QStringLiteral("detect"), QStringLiteral("anomaly_flag"), detected.newFlags, detected.newFlags, 0},
                             TableState::Succeeded, 1);
    m_recorder.stageFinished(m_result.runId, stage, {stage, QString(), 0, 0, 0}, TableState::Succeeded, 1);
    m_result.newAnomalies = detected.newFlags;
    m_result.anomalyProducts = detected.productIds();
    emitLog(LogLevel::Info, QStringLiteral("transform"),
            QStringLiteral("warehouse: %1 rows read, %2 loaded, %3 quarantined as unresolvable in %4 s")
                .arg(transformed.rowsRead())
                .arg(transformed.rowsLoaded())
                .arg(transformed.rowsQuarantined())
                .arg(double(transformed.elapsedMs) / 1000.0, 0, 'f', 2));
    emitLog(detected.newFlags > 0 ? LogLevel::Warning : LogLevel::Info, QStringLiteral("detect"), detected.summary());
}

void RunExecution::mergeStageCounts(const TableCounts &counts)
{
    auto it = m_tableTotals.find(counts.table);
    if (it == m_tableTotals.end())
        return; // a table this run did not load
    TableCounts &total = it->second;
    total.quarantined += counts.quarantined;
    total.loaded = counts.loaded;
    if (!total.reconciles())
        emitLog(LogLevel::Error, counts.stage,
                QStringLiteral("%1: counts do not reconcile after %2 (read %3, loaded %4, quarantined %5)")
                    .arg(counts.table, counts.stage)
                    .arg(total.read)
                    .arg(total.loaded)
                    .arg(total.quarantined));
}

} // namespace ecomops::runner
