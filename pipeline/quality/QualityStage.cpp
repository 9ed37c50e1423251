#include "quality/QualityStage.h"
#include "quality/Validation.h"

#include "core/Cancellation.h"
#include "csv/Reader.h"
#include "quality/RowsSetAside.h"
#include "quality/SetRules.h"
#include "staging/Catalog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <algorithm>
#include <set>

Q_LOGGING_CATEGORY(lcQuality, "ecomops.pipeline.quality")

namespace ecomops::quality {

using nlohmann::json;

namespace {

std::string oneLine(const std::string &text)
{
    std::string out = text;
    std::replace(out.begin(), out.end(), '\n', ' ');
    return out;
}

} // namespace

QString QualityReport::gateStatus() const
{
    return enabled ? QString::fromLatin1(toString(scores.status)) : QString();
}

QStringList QualityReport::gateMessages() const
{
    QStringList out;
    for (const std::string &m : scores.messages)
        out << QString::fromStdString(m);
    return out;
}

QualityStage::QualityStage(QualityOptions options, qint64 runId, QDateTime runTime)
    : m_options(std::move(options)), m_runId(runId), m_runTime(std::move(runTime))
{
    for (const staging::TableSpec &t : staging::catalog())
        m_rowRules[t.name] = std::make_unique<RowRules>(t, m_options, m_runTime);
}

QualityStage::~QualityStage() = default;

namespace {

std::vector<std::string> headerOf(const QString &csvPath)
{
    try {
        return csv::Reader(QFile::encodeName(csvPath).toStdString()).header();
    } catch (const std::exception &e) {
        // The loader reports what is wrong with the file.
        qCDebug(lcQuality) << "cannot read the header of" << csvPath << e.what();
        return {};
    }
}

} // namespace

void QualityStage::setSnapshot(const staging::Snapshot &snapshot)
{
    m_snapshotCreatedAt = snapshot.metadata().createdAt;
    m_files.clear();
    for (const staging::SnapshotFile &f : snapshot.metadata().files)
        m_files[f.table] = snapshot.filePath(f);
    for (const auto &[table, path] : m_files) {
        if (RowRules *rules = rowRules(table))
            rules->setHeader(headerOf(path));
    }
}

load::RowChecker *QualityStage::checkerFor(const std::string &table)
{
    const auto file = m_files.find(table);
    return checkerFor(table, file != m_files.end() ? headerOf(file->second) : std::vector<std::string>());
}

load::RowChecker *QualityStage::checkerFor(const std::string &table, const std::vector<std::string> &header)
{
    if (!m_options.enabled)
        return nullptr;
    RowRules *rules = rowRules(table);
    if (rules) {
        rules->reset();
        rules->setHeader(header);
    }
    return rules;
}

RowRules *QualityStage::rowRules(const std::string &table) const
{
    const auto it = m_rowRules.find(table);
    return it == m_rowRules.end() ? nullptr : it->second.get();
}

QualityReport QualityStage::validate(pqxx::connection_base &connection, StageObserver &observer)
{
    QElapsedTimer timer;
    timer.start();
    pqxx::work tx{connection, "validate"};
    QualityReport report = Validation(*this, tx, observer).run();
    if (observer.cancelRequested())
        throw CancelledError();
    tx.commit();
    report.seconds = double(timer.nsecsElapsed()) / 1e9;

    // Per table, what the scores say; the caller records the stage's counts
    // (report.counts) and reports the verdict and the gate messages.
    if (!report.enabled)
        return report;
    for (const TableScore &t : report.scores.tables) {
        if (t.rows == 0)
            continue;
        QString low;
        for (const DimensionScore &d : t.dimensions) {
            if (d.score && *d.score < 100)
                low += QStringLiteral(", %1 %2").arg(QString::fromLatin1(toString(d.dimension))).arg(*d.score);
        }
        const auto counts = std::find_if(report.counts.begin(), report.counts.end(),
                                         [&](const TableCounts &c) { return c.table.toStdString() == t.table; });
        observer.log(low.isEmpty() ? LogLevel::Info : LogLevel::Warning,
                     QStringLiteral("%1: overall %2%3; %4 rows rejected by table-wide rules")
                         .arg(QString::fromStdString(t.table))
                         .arg(t.overall.value_or(100))
                         .arg(low)
                         .arg(counts != report.counts.end() ? counts->quarantined : 0));
    }
    const QString verdict = QStringLiteral("quality gates %1 (overall %2) in %3 s")
                                .arg(report.gateStatus())
                                .arg(report.overall())
                                .arg(report.seconds, 0, 'f', 2);
    qCInfo(lcQuality) << "run" << m_runId << verdict;
    for (const std::string &m : report.scores.messages)
        qCDebug(lcQuality) << oneLine(m).c_str();
    return report;
}

void QualityStage::publishCatalogue(pqxx::transaction_base &tx)
{
    json rules = json::array();
    json ids = json::array();
    for (const Rule &r : ruleCatalog()) {
        rules.push_back({{"rule_id", r.id},
                         {"table_name", r.table},
                         {"columns", r.columns},
                         {"dimension", toString(r.dimension)},
                         {"severity", toString(r.severity)},
                         {"kind", toString(r.kind())},
                         {"check_kind", toString(r.check)},
                         {"description", r.description},
                         {"references_table", r.refTable.empty() ? json(nullptr) : json(r.refTable)}});
        ids.push_back(r.id);
    }
    tx.exec_params0(
        "INSERT INTO ops.quality_rule AS q (rule_id, table_name, columns, dimension, severity, kind, check_kind, "
        "description, references_table) SELECT x.rule_id, x.table_name, ARRAY(SELECT e FROM "
        "jsonb_array_elements_text(x.columns) WITH ORDINALITY AS a(e, i) ORDER BY a.i), x.dimension, x.severity, "
        "x.kind, "
        "x.check_kind, x.description, x.references_table FROM jsonb_to_recordset($1::jsonb) AS x(rule_id text, "
        "table_name text, columns jsonb, dimension text, severity text, kind text, check_kind text, description text, "
        "references_table text) ON CONFLICT (rule_id) DO UPDATE SET table_name = excluded.table_name, "
        "columns = excluded.columns, dimension = excluded.dimension, severity = excluded.severity, kind = "
        "excluded.kind, "
        "check_kind = excluded.check_kind, description = excluded.description, "
        "references_table = excluded.references_table, retired = false, updated_at = now() "
        "WHERE (q.table_name, q.columns, q.dimension, q.severity, q.kind, q.check_kind, q.description, "
        "q.references_table, q.retired) IS DISTINCT FROM (excluded.table_name, excluded.columns, excluded.dimension, "
        "excluded.severity, excluded.kind, excluded.check_kind, excluded.description, excluded.references_table, "
        "false)",
        rules.dump());
    tx.exec_params0(
        "UPDATE ops.quality_rule SET retired = true, updated_at = now() WHERE NOT retired AND rule_id NOT IN "
        "(SELECT jsonb_array_elements_text($1::jsonb))",
        ids.dump());
}

} // namespace ecomops::quality
