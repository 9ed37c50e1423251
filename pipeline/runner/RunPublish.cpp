// The stages after loading: validate (quality scores, set rules, gates) and
// publish (transform, scores and gates again over what the transform could
// not resolve, detect, marts — in one transaction).
#include "runner/RunExecutionInternals.h"

#include "anomalies/Detection.h"
#include "anomalies/DetectorQuality.h"
#include "quality/QualityStage.h"
#include "quality/Scoring.h"
#include "runner/BulkSession.h"
#include "runner/InDoubtCommit.h"
#include "warehouse/Warehouse.h"

#include <pqxx/pqxx>

#include <tuple>

namespace ecomops::runner {
namespace {

// The transform's rejects of a run whose gates failed after the transform:
// they are the steward's evidence, but they were written inside the publish
// transaction, which is about to be rolled back. They are streamed (constant
// memory) into a temporary table of `keeper`, a connection of its own, and
// inserted from there once the publish transaction is gone (their keys would
// otherwise wait on its uncommitted rows).
void copyTransformRejects(pqxx::transaction_base &publish, pqxx::transaction_base &keeper, qint64 runId)
{
    keeper.exec0("CREATE TEMP TABLE kept_rejects (table_name text, source_line bigint, raw_record text, reasons text, "
                 "rule_ids text) ON COMMIT DROP");
    pqxx::stream_from from{publish, "(SELECT table_name, source_line, raw_record, reasons::text, rule_ids::text "
                                    "FROM quarantine.rejected_row WHERE run_id = " +
                                        std::to_string(runId) + " AND stage = 'transform')"};
    pqxx::stream_to to{keeper, "kept_rejects"};
    std::tuple<std::string, qint64, std::string, std::string, std::string> row;
    while (from >> row)
        to << row;
    from.complete();
    to.complete();
}

void insertKeptRejects(pqxx::transaction_base &keeper, qint64 runId)
{
    keeper.exec_params0(
        "INSERT INTO quarantine.rejected_row (run_id, table_name, source_line, stage, raw_record, reasons, "
        "rule_ids) SELECT $1, table_name, source_line, 'transform', raw_record, reasons::text[], "
        "rule_ids::text[] FROM kept_rejects ON CONFLICT DO NOTHING",
        runId);
}

} // namespace

void RunExecution::validateStage(CancelToken &cancel)
{
    const QString stage = QStringLiteral("validate");
    m_recorder.stageStarted(m_result.runId, stage, QString());
    quality::QualityReport report;
    attempt(stage, QString(), cancel, [&](int) {
        pqxx::connection connection{m_conninfo.toStdString()};
        tuneBulkSession(connection);
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
    m_validated = std::make_unique<quality::QualityReport>(report);
    if (!report.enabled) {
        m_recorder.stageFinished(m_result.runId, stage, {stage, QString(), 0, 0, 0}, TableState::Skipped, 1);
        emitLog(LogLevel::Warning, stage,
                QStringLiteral("quality checks are turned off for this run: nothing was scored"));
        return;
    }
    emitLog(LogLevel::Info, stage,
            QStringLiteral("%1 rows rejected by table-wide rules in %2 s")
                .arg(report.quarantined)
                .arg(report.seconds, 0, 'f', 2));
    try {
        applyVerdict(report, stage);
    } catch (const GateFailedError &e) {
        m_recorder.stageFinished(m_result.runId, stage, {stage, QString(), 0, 0, 0}, TableState::Failed, 1,
                                 QString::fromUtf8(e.what()));
        throw;
    }
    m_recorder.stageFinished(m_result.runId, stage, {stage, QString(), 0, 0, 0}, TableState::Succeeded, 1);
}

void RunExecution::applyVerdict(const quality::QualityReport &report, const QString &stage)
{
    m_result.gateStatus = report.gateStatus();
    m_result.gateMessages = report.gateMessages();
    m_result.qualityOverall = report.overall();
    const LogLevel level = m_result.gateStatus == QLatin1String("passed") ? LogLevel::Info : LogLevel::Warning;
    emitLog(level, stage,
            QStringLiteral("quality gates %1: overall score %2")
                .arg(m_result.gateStatus)
                .arg(quality::oneDecimalScore(report.overall()), 0, 'f', 1));
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
    std::optional<anomalies::DetectorQuality> detector;
    warehouse::MartReport marts;
    qint64 publishTransaction = 0; // the last attempt's, for a commit whose answer was lost
    attempt(stage, QString(), cancel, [&](int) {
        if (publishTransaction != 0 && transactionCommitted(m_conninfo, publishTransaction).value_or(false)) {
            emitLog(LogLevel::Warning, stage,
                    QStringLiteral("the connection was lost during the publish commit, which went through"));
            return; // the reports are the committed attempt's
        }
        pqxx::connection connection{m_conninfo.toStdString()};
        tuneBulkSession(connection);
        const auto interrupt = cancel.onCancel([&connection] { connection.cancel_query(); });
        pqxx::work tx{connection, "publish"};
        publishTransaction = noteTransactionId(tx);
        Reporter transformReporter(*this, QStringLiteral("transform"), cancel);
        transformed = warehouse::transform(tx, m_result.runId, warehouseOptions, transformReporter);
        cancel.throwIfCancelled();
        scoreAfterTransform(tx, transformed);
        cancel.throwIfCancelled();
        Reporter detectReporter(*this, QStringLiteral("detect"), cancel);
        detected = anomalies::detect(tx, m_result.runId, anomalyOptions, detectReporter);
        cancel.throwIfCancelled();
        if (!detected.skipped)
            detector =
                anomalies::measureDetector(tx, m_result.runId, anomalyOptions,
                                           m_result.snapshotPath + QStringLiteral("/_planted.csv"), m_spec.sourceKind);
        cancel.throwIfCancelled();
        Reporter martReporter(*this, QStringLiteral("marts"), cancel);
        marts = warehouse::refreshMarts(tx, warehouseOptions, martReporter);
        cancel.throwIfCancelled();
        tx.commit();
    });
    // Committed: from here on the warehouse has the run (see execute()).
    m_published = true;
    m_result.published = true;
    for (const TableCounts &counts : transformed.tables) {
        if (m_tableTotals.count(counts.table) == 0)
            continue;
        TableCounts c = counts;
        c.stage = QStringLiteral("transform");
        m_recorder.stageFinished(m_result.runId, c.stage, c, TableState::Succeeded, 1);
        m_recorder.stageSpan(m_result.runId, c.stage, c.table, transformed.tableSpans[c.table]);
        mergeStageCounts(c);
    }
    m_recorder.stageFinished(
        m_result.runId, QStringLiteral("detect"),
        {QStringLiteral("detect"), QStringLiteral("anomaly_flag"), detected.newFlags, detected.newFlags, 0},
        TableState::Succeeded, 1);
    m_recorder.stageFinished(m_result.runId, stage, {stage, QString(), 0, 0, 0}, TableState::Succeeded, 1);
    m_result.newAnomalies = detected.newFlags;
    m_result.anomalyProducts = detected.productIds();
    emitLog(transformed.rowsRejected() > 0 ? LogLevel::Warning : LogLevel::Info, QStringLiteral("transform"),
            QStringLiteral("warehouse: %1 rows read, %2 reached the warehouse, %3 rejected as unresolvable in %4 s")
                .arg(transformed.rowsRead())
                .arg(transformed.rowsLoaded())
                .arg(transformed.rowsRejected())
                .arg(double(transformed.elapsedMs) / 1000.0, 0, 'f', 2));
    emitLog(detected.newFlags > 0 ? LogLevel::Warning : LogLevel::Info, QStringLiteral("detect"), detected.summary());
    m_result.detector = detector;
    if (detector)
        emitLog(detector->unusuallyHigh() ? LogLevel::Warning : LogLevel::Info, QStringLiteral("detect"),
                detector->summary());
}

void RunExecution::scoreAfterTransform(pqxx::transaction_base &tx, const warehouse::TransformReport &transformed)
{
    if (!m_validated || !m_validated->enabled)
        return;
    std::vector<TableCounts> tables(transformed.tables.begin(), transformed.tables.end());
    const quality::QualityReport rescored = m_quality->scoreAfterTransform(tx, *m_validated, tables);
    // The scorecard is the record of what happened, whatever the publish
    // transaction's fate: written on a connection of its own.
    pqxx::connection keeper{m_conninfo.toStdString()};
    pqxx::work record{keeper, "scores after the transform"};
    m_quality->recordScores(record, rescored);
    if (!rescored.failsRun()) {
        record.commit();
        if (rescored.scores.status != m_validated->scores.status || rescored.overall() != m_validated->overall())
            applyVerdict(rescored, QStringLiteral("transform"));
        return;
    }
    copyTransformRejects(tx, record, m_result.runId);
    tx.abort();
    insertKeptRejects(record, m_result.runId);
    record.commit();
    for (TableCounts counts : transformed.tables) {
        counts.stage = QStringLiteral("transform");
        mergeStageCounts(counts); // what would have reached the warehouse, for the summary
    }
    emitLog(LogLevel::Warning, QStringLiteral("transform"),
            QStringLiteral("rows the transform could not resolve lowered the scores below their gates; nothing is "
                           "published, the rejected rows are kept in the quarantine as evidence"));
    applyVerdict(rescored, QStringLiteral("transform"));
}

void RunExecution::mergeStageCounts(const TableCounts &counts)
{
    auto it = m_tableTotals.find(counts.table);
    if (it == m_tableTotals.end())
        return; // a table this run did not load
    TableCounts &total = it->second;
    total.quarantined += counts.quarantined;
    total.rejected += counts.rejected;
    total.loaded = counts.loaded;
    if (!total.reconciles())
        emitLog(LogLevel::Error, counts.stage,
                QStringLiteral("%1: counts do not reconcile after %2 (read %3, loaded %4, quarantined %5, rejected %6, "
                               "skipped %7)")
                    .arg(counts.table, counts.stage)
                    .arg(total.read)
                    .arg(total.loaded)
                    .arg(total.quarantined)
                    .arg(total.rejected)
                    .arg(total.skipped));
}

} // namespace ecomops::runner
