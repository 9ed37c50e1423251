#include "runs/RunHistoryModel.h"

#include "common/ScoreText.h"
#include "runs/RunText.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace ecomops::widgets {
namespace {

QVariant alignment(bool numeric)
{
    return QVariant(numeric ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
}

qint64 millisecondsBetween(const QDateTime &from, const QDateTime &to)
{
    return from.isValid() && to.isValid() ? from.msecsTo(to) : -1;
}

} // namespace

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const queries::RunSummary &r = m_runs[std::size_t(index.row())];
    const qint64 durationMs = r.seconds < 0 ? -1 : qint64(r.seconds * 1000.0);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RunColumn:
            return QLocale().toString(r.runId);
        case StatusColumn:
            return RunText::status(r.status);
        case SourceColumn:
            return RunText::sourceKind(r.sourceKind);
        case StartedByColumn:
            return tr("%1 · %2").arg(RunText::trigger(r.trigger), r.startedBy);
        case StartedColumn:
            return RunText::dateTime(r.startedAt.isValid() ? r.startedAt : r.queuedAt);
        case DurationColumn:
            return RunText::duration(durationMs);
        case ReadColumn:
            return RunText::count(r.rowsRead);
        case LoadedColumn:
            return RunText::count(r.rowsLoaded);
        case QuarantinedColumn:
            return RunText::count(r.rowsQuarantined);
        case QualityColumn:
            return scoreText(r.qualityOverall);
        case AnomaliesColumn:
            return r.newAnomalies < 0 ? QStringLiteral("—") : RunText::count(r.newAnomalies);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case RunColumn:
            return r.runId;
        case StatusColumn:
            return r.status;
        case SourceColumn:
            return r.sourceKind;
        case StartedByColumn:
            return r.startedBy;
        case StartedColumn:
            return r.startedAt.isValid() ? r.startedAt : r.queuedAt;
        case DurationColumn:
            return r.seconds;
        case ReadColumn:
            return r.rowsRead;
        case LoadedColumn:
            return r.rowsLoaded;
        case QuarantinedColumn:
            return r.rowsQuarantined;
        case QualityColumn:
            return r.qualityOverall;
        case AnomaliesColumn:
            return r.newAnomalies;
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StatusColumn:
            if (!r.error.isEmpty())
                return RunText::runError(r.error);
            if (!r.gateStatus.isEmpty())
                return RunText::gate(r.gateStatus);
            break;
        case StartedByColumn:
            return tr("Started %1 by %2 on %3 as database role %4")
                .arg(RunText::trigger(r.trigger).toLower(), r.startedBy,
                     r.host.isEmpty() ? tr("an unknown host") : r.host, r.dbRole);
        case StartedColumn:
            return QLocale().toString((r.startedAt.isValid() ? r.startedAt : r.queuedAt).toLocalTime(),
                                      QLocale::LongFormat);
        case QualityColumn:
            return r.qualityOverall < 0 ? tr("Not scored") : tr("Overall data-quality score, 0–100");
        }
        break;
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case RunColumn:
        case DurationColumn:
        case ReadColumn:
        case LoadedColumn:
        case QuarantinedColumn:
        case QualityColumn:
        case AnomaliesColumn:
            return alignment(true);
        }
        return alignment(false);
    case Qt::ForegroundRole:
        if (index.column() == QuarantinedColumn && r.rowsQuarantined > 0)
            return toneColor(Tone::Warning, QGuiApplication::palette());
        if (index.column() == AnomaliesColumn && r.newAnomalies > 0)
            return toneColor(Tone::Warning, QGuiApplication::palette());
        if (index.column() == QualityColumn && r.qualityOverall >= 0)
            return toneColor(r.gateStatus == QLatin1String("failed")   ? Tone::Bad
                             : r.gateStatus == QLatin1String("warned") ? Tone::Warning
                                                                       : Tone::Good,
                             QGuiApplication::palette());
        break;
    case ToneRole:
        return int(toneOfStatus(r.status));
    case RunIdRole:
        return r.runId;
    case RecordRole:
        return QVariant::fromValue(r);
    }
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return alignment(section == RunColumn || section >= DurationColumn);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ReadColumn:
            return tr("Rows read from the source");
        case LoadedColumn:
            return tr("Rows loaded into the warehouse");
        case QuarantinedColumn:
            return tr("Rows rejected into the quarantine, with their reasons");
        case QualityColumn:
            return tr("Overall data-quality score");
        case AnomaliesColumn:
            return tr("New anomalies the run flagged");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RunColumn:
        return tr("Run");
    case StatusColumn:
        return tr("Status");
    case SourceColumn:
        return tr("Source");
    case StartedByColumn:
        return tr("How / who");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case ReadColumn:
        return tr("Read");
    case LoadedColumn:
        return tr("Loaded");
    case QuarantinedColumn:
        return tr("Quarantined");
    case QualityColumn:
        return tr("DQ");
    case AnomaliesColumn:
        return tr("Anomalies");
    }
    return {};
}

void RunHistoryModel::setRuns(std::vector<queries::RunSummary> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

int RunHistoryModel::rowOf(qint64 runId) const
{
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        if (m_runs[i].runId == runId)
            return int(i);
    }
    return -1;
}

int StageResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_stages.size());
}

int StageResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StageResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const queries::StageResult &s = m_stages[std::size_t(index.row())];
    const qint64 durationMs = millisecondsBetween(s.startedAt, s.endedAt);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StageColumn:
            return RunText::stage(s.stage);
        case TableColumn:
            return s.table.isEmpty() ? tr("(whole stage)") : s.table;
        case StatusColumn:
            return RunText::status(s.status);
        case ReadColumn:
            return RunText::count(s.rowsRead);
        case LoadedColumn:
            return RunText::count(s.rowsLoaded);
        case QuarantinedColumn:
            return RunText::count(s.rowsQuarantined);
        case DurationColumn:
            return RunText::duration(durationMs);
        case AttemptsColumn:
            return s.attempts;
        case ErrorColumn:
            return s.error;
        }
        break;
    case SortRole:
        switch (index.column()) {
        case StageColumn:
            return runStepOf(s.stage);
        case TableColumn:
            return s.table;
        case StatusColumn:
            return s.status;
        case ReadColumn:
            return s.rowsRead;
        case LoadedColumn:
            return s.rowsLoaded;
        case QuarantinedColumn:
            return s.rowsQuarantined;
        case DurationColumn:
            return durationMs;
        case AttemptsColumn:
            return s.attempts;
        case ErrorColumn:
            return s.error;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ErrorColumn && !s.error.isEmpty())
            return s.error;
        if (index.column() == AttemptsColumn && s.attempts > 1)
            return tr("Retried after transient failures: %1 attempts").arg(s.attempts);
        break;
    case Qt::TextAlignmentRole:
        return alignment(index.column() >= ReadColumn && index.column() <= AttemptsColumn);
    case Qt::ForegroundRole:
        if (index.column() == QuarantinedColumn && s.rowsQuarantined > 0)
            return toneColor(Tone::Warning, QGuiApplication::palette());
        if (index.column() == ErrorColumn)
            return toneColor(Tone::Bad, QGuiApplication::palette());
        if (index.column() == AttemptsColumn && s.attempts > 1)
            return toneColor(Tone::Warning, QGuiApplication::palette());
        break;
    case ToneRole:
        return int(toneOfStatus(s.status));
    }
    return {};
}

QVariant StageResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return alignment(section >= ReadColumn && section <= AttemptsColumn);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StageColumn:
        return tr("Stage");
    case TableColumn:
        return tr("Table");
    case StatusColumn:
        return tr("Status");
    case ReadColumn:
        return tr("Read");
    case LoadedColumn:
        return tr("Loaded");
    case QuarantinedColumn:
        return tr("Quarantined");
    case DurationColumn:
        return tr("Duration");
    case AttemptsColumn:
        return tr("Attempts");
    case ErrorColumn:
        return tr("Error");
    }
    return {};
}

void StageResultModel::setStages(std::vector<queries::StageResult> stages)
{
    beginResetModel();
    m_stages = std::move(stages);
    endResetModel();
}

} // namespace ecomops::widgets
