#pragma once
// Runs the engine's stages the way the runner does, without the runner:
// generate (or write) a snapshot, record a run, load every table with the
// quality stage's row checker, then validate.
#include "core/Cancellation.h"
#include "core/Progress.h"
#include "csv/Reader.h"
#include "load/TableLoader.h"
#include "quality/QualityStage.h"
#include "sources/synthetic/Generator.h"
#include "staging/Catalog.h"
#include "staging/Snapshot.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <pqxx/pqxx>

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace ecomops::test {

class CollectingObserver : public StageObserver
{
public:
    void progress(const QString &, qint64, qint64) override {}
    void log(LogLevel, const QString &message) override
    {
        std::lock_guard lock(m_mutex);
        lines << message;
    }
    void tableFinished(const TableCounts &c) override
    {
        std::lock_guard lock(m_mutex);
        finished.push_back(c);
    }
    bool cancelRequested() const override { return false; }

    QStringList lines;
    std::vector<TableCounts> finished;

private:
    std::mutex m_mutex;
};

inline qint64 newRun(pqxx::connection &c, const std::string &source = "synthetic")
{
    pqxx::work tx{c};
    const qint64 id =
        tx.exec_params1("INSERT INTO ops.pipeline_run (source_kind, started_by, spec, trigger, started_at) "
                        "VALUES ($1, 'tst_quality', '{}', 'test', now()) RETURNING run_id",
                        source)[0]
            .as<qint64>();
    tx.commit();
    return id;
}

inline staging::Snapshot generateSnapshot(const QString &directory, const synthetic::GeneratorOptions &options)
{
    const synthetic::Generator generator(options);
    const auto result = generator.generate(QFile::encodeName(directory).toStdString());
    std::map<std::string, qint64> known;
    for (const auto &[table, rows] : result.rowCounts)
        known[table] = qint64(rows);
    staging::SnapshotMetadata metadata;
    metadata.source = QStringLiteral("synthetic");
    metadata.options = options.toJson();
    return staging::Snapshot::finalize(directory, metadata, known);
}

struct LoadOutcome {
    std::map<std::string, load::TableLoadResult> tables;
    qint64 rows = 0;
    double seconds = 0;
};

// Loads every table of the snapshot, one after the other on this thread;
// with the quality stage's row checker when `quality` is given.
inline LoadOutcome loadSnapshot(const QString &conninfo, qint64 runId, const staging::Snapshot &snapshot,
                                quality::QualityStage *quality)
{
    LoadOutcome out;
    CollectingObserver observer;
    CancelToken cancel;
    QElapsedTimer timer;
    timer.start();
    for (const staging::SnapshotFile &file : snapshot.metadata().files) {
        const staging::TableSpec *spec = staging::findTable(file.table);
        if (!spec)
            continue;
        load::TableLoader loader(conninfo, runId, *spec, snapshot.filePath(file), file.rows);
        if (quality)
            loader.setRowChecker(quality->checkerFor(spec->name));
        const load::TableLoadResult r = loader.run(observer, cancel);
        out.rows += r.counts.read;
        out.tables[file.table] = r;
    }
    out.seconds = double(timer.nsecsElapsed()) / 1e9;
    return out;
}

struct PlantedRow {
    std::string table;
    qint64 line = 0;
    std::string key;
    std::string kind;
};

inline std::vector<PlantedRow> readManifest(const QString &snapshotDir)
{
    std::vector<PlantedRow> rows;
    csv::Reader reader(
        QFile::encodeName(QDir(snapshotDir).filePath(QString::fromLatin1(synthetic::Generator::kManifestFileName)))
            .toStdString());
    while (reader.next() == csv::Outcome::Record) {
        const csv::Record &r = reader.record();
        rows.push_back({std::string(r.fields[0]), std::stoll(std::string(r.fields[1])), std::string(r.fields[2]),
                        std::string(r.fields[3])});
    }
    return rows;
}

struct QuarantinedRow {
    std::string stage;
    std::set<std::string> rules;
    std::vector<std::string> reasons;
};

// (table, line) → what the quarantine holds for it.
inline std::map<std::pair<std::string, qint64>, QuarantinedRow> quarantine(pqxx::connection &c, qint64 runId)
{
    std::map<std::pair<std::string, qint64>, QuarantinedRow> out;
    pqxx::read_transaction tx{c};
    for (const auto &row :
         tx.exec_params("SELECT q.table_name, q.source_line, q.stage, u.rule_id, u.reason FROM "
                        "quarantine.rejected_row q, unnest(q.rule_ids, q.reasons) AS u(rule_id, reason) "
                        "WHERE q.run_id = $1",
                        runId)) {
        QuarantinedRow &q = out[{row[0].as<std::string>(), row[1].as<qint64>()}];
        q.stage = row[2].as<std::string>();
        q.rules.insert(row[3].as<std::string>());
        q.reasons.push_back(row[4].as<std::string>());
    }
    return out;
}

// Score of (table, dimension) as persisted; -1 when NULL (nothing checked).
inline std::map<std::pair<std::string, std::string>, double> persistedScores(pqxx::connection &c, qint64 runId)
{
    std::map<std::pair<std::string, std::string>, double> out;
    pqxx::read_transaction tx{c};
    for (const auto &row : tx.exec_params("SELECT table_name, dimension, coalesce(score, -1) FROM ops.quality_score "
                                          "WHERE run_id = $1",
                                          runId))
        out[{row[0].as<std::string>(), row[1].as<std::string>()}] = row[2].as<double>();
    return out;
}

} // namespace ecomops::test
