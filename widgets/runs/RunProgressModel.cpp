#include "runs/RunProgressModel.h"

#include "common/RecordTableModel.h"
#include "runs/RunText.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace ecomops::widgets {
namespace {

QString keyOf(const QString &stage, const QString &table)
{
    return stage + QLatin1Char('/') + table;
}

// Numbers line up on the right.
QVariant alignment(int column)
{
    switch (column) {
    case RunProgressModel::RowsColumn:
    case RunProgressModel::RateColumn:
    case RunProgressModel::EtaColumn:
    case RunProgressModel::QuarantinedColumn:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
}

bool isOver(TableState state)
{
    return state != TableState::Queued && state != TableState::Running;
}

// A stage told us the table has no rows to expect and it has done none: the
// source does not have it (a transaction log has no clickstream). Saying
// "Running, 0 rows" about it would be a lie.
bool isAbsent(const RunProgressModel::Row &r)
{
    return r.rowsExpected == 0 && r.rowsDone == 0 && r.state != TableState::Failed && r.state != TableState::Cancelled;
}

} // namespace

double RunProgressModel::Row::fraction() const
{
    if (state == TableState::Succeeded)
        return 1.0;
    if (rowsExpected <= 0)
        return rowsExpected == 0 ? 1.0 : -1.0;
    return std::clamp(double(rowsDone) / double(rowsExpected), 0.0, 1.0);
}

int RunProgressModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunProgressModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunProgressModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[std::size_t(index.row())];
    const bool over = isOver(r.state);
    const bool absent = isAbsent(r);
    switch (role) {
    case Qt::DisplayRole:
        if (absent && index.column() != StageColumn && index.column() != TableColumn)
            return index.column() == StateColumn ? tr("Not in this source") : QStringLiteral("—");
        switch (index.column()) {
        case StageColumn:
            return RunText::stage(r.stage);
        case TableColumn:
            return r.table.isEmpty() ? tr("(all tables)") : r.table;
        case ProgressColumn: {
            const double f = r.fraction();
            if (f < 0) // the total is not known
                return r.state == TableState::Running ? QStringLiteral("…") : QString();
            return tr("%1 %").arg(qRound(f * 100));
        }
        case RowsColumn:
            if (r.rowsExpected < 0)
                return RunText::count(r.rowsDone);
            return tr("%1 of %2").arg(RunText::count(r.rowsDone), RunText::count(r.rowsExpected));
        case RateColumn:
            return RunText::rate(r.rowsPerSecond);
        case EtaColumn:
            return over || r.etaMs < 0 ? QStringLiteral("—") : RunText::duration(r.etaMs);
        case QuarantinedColumn:
            return r.quarantined < 0 ? QStringLiteral("—") : RunText::count(r.quarantined);
        case StateColumn:
            return RunText::state(r.state);
        }
        break;
    case SortRole:
        return columnValue(index.column(), {r.stage, r.table, r.fraction(), r.rowsDone, r.rowsPerSecond, r.etaMs,
                                            r.quarantined, int(r.state)});
    case Qt::ToolTipRole:
        if (index.column() == QuarantinedColumn && r.quarantined > 0 && r.stage == QLatin1String("transform"))
            return tr("%1 rows of %2 could not be resolved (a reference given but unknown) and went to the "
                      "quarantine with their reasons; %3 % of the rows reached the warehouse.")
                .arg(RunText::count(r.quarantined), r.table)
                .arg(r.rowsDone > 0 ? 100.0 * double(r.rowsDone - r.quarantined) / double(r.rowsDone) : 100.0, 0, 'f',
                     1);
        if (index.column() == QuarantinedColumn && r.quarantined > 0)
            return tr("%1 rows of %2 went to the quarantine with the reasons they failed; none were dropped.")
                .arg(RunText::count(r.quarantined), r.table);
        if (index.column() == RowsColumn && r.rowsExpected >= 0)
            return tr("%1 rows done of %2 expected").arg(RunText::count(r.rowsDone), RunText::count(r.rowsExpected));
        break;
    case Qt::TextAlignmentRole:
        return alignment(index.column());
    case Qt::ForegroundRole:
        if (index.column() == QuarantinedColumn && r.quarantined > 0)
            return toneColor(Tone::Warning, QGuiApplication::palette());
        break;
    case FractionRole:
        return absent ? -1.0 : r.fraction();
    case ToneRole:
        return int(absent ? Tone::Neutral : toneOf(r.state));
    case StateRole:
        return int(r.state);
    }
    return {};
}

QVariant RunProgressModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return alignment(section);
    if (role != Qt::DisplayRole)
        return {};
    static const char *const titles[ColumnCount] = {
        QT_TR_NOOP("Stage"),  QT_TR_NOOP("Table"), QT_TR_NOOP("Progress"),    QT_TR_NOOP("Rows"),
        QT_TR_NOOP("Rows/s"), QT_TR_NOOP("ETA"),   QT_TR_NOOP("Quarantined"), QT_TR_NOOP("State")};
    return tr(titles[section]);
}

int RunProgressModel::rowOf(const QString &stage, const QString &table) const
{
    return m_index.value(keyOf(stage, table), -1);
}

void RunProgressModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_totalDone = 0;
    endResetModel();
}

int RunProgressModel::ensureRow(const QString &stage, const QString &table)
{
    const QString key = keyOf(stage, table);
    const auto it = m_index.constFind(key);
    if (it != m_index.cend())
        return *it;
    // The newest stage on top, so what moves now is in view; tables of a
    // stage in the order they started.
    int row = 0;
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (m_rows[std::size_t(i)].stage == stage) {
            row = i + 1;
            break;
        }
    }
    beginInsertRows({}, row, row);
    Row r;
    r.stage = stage;
    r.table = table;
    m_rows.insert(m_rows.begin() + row, std::move(r));
    m_index.clear();
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        m_index.insert(keyOf(m_rows[i].stage, m_rows[i].table), int(i));
    endInsertRows();
    return row;
}

void RunProgressModel::rowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RunProgressModel::applyProgress(const ProgressEvent &event)
{
    const int row = ensureRow(event.stage, event.table);
    Row &r = m_rows[std::size_t(row)];
    if (isOver(r.state) && event.state == TableState::Running)
        return; // a late throttled event after the table finished
    m_totalDone += std::max<qint64>(0, event.rowsDone - r.rowsDone);
    r.rowsDone = event.rowsDone;
    r.rowsExpected = event.rowsExpected;
    r.state = event.state;
    if (event.rowsPerSecond > 0)
        r.rowsPerSecond = event.rowsPerSecond;
    r.etaMs = event.etaMs;
    rowChanged(row);
}

void RunProgressModel::applyTableFinished(const TableCounts &counts)
{
    const int row = ensureRow(counts.stage, counts.table);
    Row &r = m_rows[std::size_t(row)];
    m_totalDone += std::max<qint64>(0, counts.read - r.rowsDone);
    r.rowsDone = counts.read;
    r.rowsExpected = std::max(r.rowsExpected, counts.read);
    // Rows set aside by this stage: quarantined at load or validate, rejected
    // by the transform (empty records skipped are not a loss).
    r.quarantined = counts.quarantined + counts.rejected;
    r.state = TableState::Succeeded;
    r.etaMs = -1;
    rowChanged(row);
}

void RunProgressModel::finishRun(runner::RunStatus status)
{
    const TableState settled = status == runner::RunStatus::Succeeded ? TableState::Succeeded
                               : status == runner::RunStatus::Failed  ? TableState::Failed
                                                                      : TableState::Cancelled;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row &r = m_rows[i];
        if (isOver(r.state))
            continue;
        // A table that never started was not failed by anything: it was skipped.
        r.state = r.state == TableState::Queued && settled != TableState::Succeeded ? TableState::Skipped : settled;
        r.etaMs = -1;
        rowChanged(int(i));
    }
}

} // namespace ecomops::widgets
