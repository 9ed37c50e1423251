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

RunHistoryModel::RunHistoryModel(QObject *parent)
    : RecordTableModel({QT_TR_NOOP("Run"), QT_TR_NOOP("Status"), QT_TR_NOOP("Source"), QT_TR_NOOP("How / who"),
                        QT_TR_NOOP("Started"), QT_TR_NOOP("Duration"), QT_TR_NOOP("Read"), QT_TR_NOOP("Loaded"),
                        QT_TR_NOOP("Quarantined"), QT_TR_NOOP("DQ"), QT_TR_NOOP("Anomalies"), QT_TR_NOOP("Notes")},
                       parent)
{
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    const queries::RunSummary *record = recordFor(index);
    if (!record)
        return {};
    const queries::RunSummary &r = *record;
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
            if (r.originRunId > 0)
                return tr("%1 · %2 · %3")
                    .arg(RunText::trigger(r.trigger), r.startedBy, RunText::origin(r.originHow, r.originRunId));
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
        case NotesColumn:
            return r.noteCount > 0 ? RunText::count(r.noteCount) : QString();
        }
        break;
    case SortRole:
        return columnValue(index.column(),
                           {r.runId, r.status, r.sourceKind, r.startedBy,
                            r.startedAt.isValid() ? r.startedAt : r.queuedAt, r.seconds, r.rowsRead, r.rowsLoaded,
                            r.rowsQuarantined, r.qualityOverall, r.newAnomalies, r.noteCount});
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
        case NotesColumn:
            if (r.noteCount > 0)
                return tr("Latest note: %1").arg(r.latestNote);
            break;
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
        case NotesColumn:
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
        return RecordTableModel::headerData(section, orientation, role);
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
    return RecordTableModel::headerData(section, orientation, role);
}

int RunHistoryModel::rowOf(qint64 runId) const
{
    for (std::size_t i = 0; i < m_records.size(); ++i) {
        if (m_records[i].runId == runId)
            return int(i);
    }
    return -1;
}

StageResultModel::StageResultModel(QObject *parent)
    : RecordTableModel({QT_TR_NOOP("Stage"), QT_TR_NOOP("Table"), QT_TR_NOOP("Status"), QT_TR_NOOP("Read"),
                        QT_TR_NOOP("Loaded"), QT_TR_NOOP("Quarantined"), QT_TR_NOOP("Duration"), QT_TR_NOOP("Attempts"),
                        QT_TR_NOOP("Error")},
                       parent)
{
}

QVariant StageResultModel::data(const QModelIndex &index, int role) const
{
    const queries::StageResult *record = recordFor(index);
    if (!record)
        return {};
    const queries::StageResult &s = *record;
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
        return columnValue(index.column(), {runStepOf(s.stage), s.table, s.status, s.rowsRead, s.rowsLoaded,
                                            s.rowsQuarantined, durationMs, s.attempts, s.error});
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
    if (orientation == Qt::Horizontal && section >= 0 && section < ColumnCount && role == Qt::TextAlignmentRole)
        return alignment(section >= ReadColumn && section <= AttemptsColumn);
    return RecordTableModel::headerData(section, orientation, role);
}

} // namespace ecomops::widgets
