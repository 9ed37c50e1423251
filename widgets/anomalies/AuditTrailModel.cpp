#include "anomalies/AuditTrailModel.h"

#include "anomalies/FlagText.h"

#include <QLocale>

namespace ecomops::widgets {

AuditTrailModel::AuditTrailModel(QObject *parent) : QAbstractTableModel(parent) {}

void AuditTrailModel::setEvents(const QList<anomalies::AnomalyEvent> &events)
{
    beginResetModel();
    m_events = events;
    endResetModel();
}

int AuditTrailModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AuditTrailModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTrailModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const anomalies::AnomalyEvent &e = m_events.at(index.row());
    const QString who = e.consoleUser.isEmpty() ? e.dbRole : tr("%1 (role %2)").arg(e.consoleUser, e.dbRole);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case When:
            return QLocale().toString(e.at.toLocalTime(), QLocale::ShortFormat);
        case Who:
            return who;
        case Change:
            return e.reopen ? tr("%1 → %2 (reopened)").arg(flagtext::statusLabel(e.from), flagtext::statusLabel(e.to))
                            : tr("%1 → %2").arg(flagtext::statusLabel(e.from), flagtext::statusLabel(e.to));
        case Note:
            return e.note.value_or(QString());
        }
        break;
    case SortRole:
        switch (index.column()) {
        case When:
            return e.at;
        case Who:
            return who;
        case Change:
            return int(e.to);
        case Note:
            return e.note.value_or(QString());
        }
        break;
    case StatusRole:
        return QVariant::fromValue(e.to);
    }
    return {};
}

QVariant AuditTrailModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case When:
        return tr("When");
    case Who:
        return tr("Who");
    case Change:
        return tr("Change");
    case Note:
        return tr("Note");
    }
    return {};
}

} // namespace ecomops::widgets
