// The source stage: a snapshot from the synthetic generator, from a source
// adapter (files, a database), or an existing snapshot named by the spec.
#include "runner/RunExecutionInternals.h"

#include "core/Utf8.h"

#include "sources/SourceAdapter.h"
#include "sources/synthetic/Generator.h"
#include "staging/Catalog.h"

#include <QDate>
#include <QDir>
#include <QFile>

#include <nlohmann/json.hpp>

namespace ecomops::runner {

staging::Snapshot RunExecution::sourceStage(CancelToken &cancel)
{
    const QString stage = QStringLiteral("source");
    m_recorder.stageStarted(m_result.runId, stage, QString());
    if (m_spec.sourceKind == QLatin1String("snapshot")) {
        const QString path = QString::fromStdString(m_spec.sourceOptions.value("path", std::string()));
        staging::Snapshot snapshot = staging::Snapshot::open(path);
        emitLog(LogLevel::Info, stage, QStringLiteral("loading the existing snapshot %1").arg(snapshot.directory()));
        m_recorder.stageFinished(m_result.runId, stage, {stage, QString(), 0, 0, 0}, TableState::Succeeded, 1);
        return snapshot;
    }
    if (m_spec.sourceKind != QLatin1String("synthetic"))
        return adapterSource(cancel);

    const synthetic::GeneratorOptions options = synthetic::GeneratorOptions::fromJson(m_spec.sourceOptions);
    const synthetic::Generator generator(options);
    const QString directory = newSnapshotDirectory();
    emitLog(LogLevel::Info, stage,
            QStringLiteral("generating a synthetic shop (scale %1, seed %2) into %3")
                .arg(options.scale)
                .arg(options.seed)
                .arg(directory));
    Reporter reporter(*this, stage, cancel);
    for (const auto &[table, expected] : generator.expectedRowCounts())
        reporter.progress(QString::fromStdString(table), 0, qint64(expected));
    const auto result = generator.generate(
        QFile::encodeName(directory).toStdString(),
        [&](const std::string &table, std::uint64_t done, std::uint64_t expected) {
            reporter.progress(QString::fromStdString(table), qint64(done), qint64(expected));
        },
        cancel.flag());
    if (result.status == synthetic::GenerationResult::Status::Cancelled)
        throw CancelledError();
    cancel.throwIfCancelled();

    staging::SnapshotMetadata metadata;
    metadata.source = QStringLiteral("synthetic");
    metadata.options = options.toJson();
    nlohmann::json planted = nlohmann::json::object();
    for (const auto &[kind, count] : result.plantedCounts)
        planted[kind] = count;
    metadata.report = {{"generator_rows_per_second", result.rowsPerSecond()},
                       {"planted", planted},
                       {"manifest", synthetic::Generator::kManifestFileName},
                       {"anomaly_products", result.anomalyProducts}};
    std::map<std::string, qint64> known;
    qint64 total = 0;
    for (const auto &[table, rows] : result.rowCounts) {
        known[table] = qint64(rows);
        total += qint64(rows);
    }
    staging::Snapshot snapshot = staging::Snapshot::finalize(directory, metadata, known);
    emitLog(LogLevel::Info, stage,
            QStringLiteral("generated %1 rows in %2 s (%3 rows/s)")
                .arg(total)
                .arg(result.elapsedSeconds, 0, 'f', 2)
                .arg(qint64(result.rowsPerSecond())));
    m_recorder.stageFinished(m_result.runId, stage, {stage, QString(), total, total, 0}, TableState::Succeeded, 1);
    return snapshot;
}

staging::Snapshot RunExecution::adapterSource(CancelToken &cancel)
{
    const QString stage = QStringLiteral("source");
    const sources::SourceAdapter *adapter = sources::findSource(m_spec.sourceKind);
    if (!adapter)
        throw std::runtime_error("the source \"" + m_spec.sourceKind.toStdString() +
                                 "\" is not available in this build");
    const QString directory = newSnapshotDirectory();
    emitLog(LogLevel::Info, stage, QStringLiteral("importing %1 data into %2").arg(m_spec.sourceKind, directory));
    Reporter reporter(*this, stage, cancel);
    const sources::SourceResult produced =
        adapter->produce(m_spec.sourceOptionsForSource(), directory, reporter, cancel);
    cancel.throwIfCancelled();
    emitLog(LogLevel::Info, stage,
            QStringLiteral("what the import understood: %1").arg(QString::fromStdString(safeDump(produced.report))));
    staging::SnapshotMetadata metadata;
    metadata.source = m_spec.sourceKind;
    metadata.options = m_spec.sourceOptionsWithoutSecrets();
    metadata.report = produced.report;
    staging::Snapshot snapshot = staging::Snapshot::finalize(directory, metadata, produced.rows, produced.skipped);
    qint64 total = 0;
    for (const auto &[table, rows] : produced.rows)
        total += rows;
    m_recorder.stageFinished(m_result.runId, stage, {stage, QString(), total, total, 0}, TableState::Succeeded, 1);
    return snapshot;
}

QString RunExecution::newSnapshotDirectory() const
{
    const QString root = m_spec.stagingDir.isEmpty() ? RunSpec::defaultStagingDir() : m_spec.stagingDir;
    return staging::Snapshot::createDirectory(root, m_result.runId, QDate::currentDate()); // 0700
}

} // namespace ecomops::runner
