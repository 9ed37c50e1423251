#pragma once
// A flag's audit trail (ops.anomaly_event), oldest first: when, who, the
// change and the note.
#include "anomalies/FlagQueries.h"

#include <QAbstractTableModel>

namespace ecomops::widgets {

class AuditTrailModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { When, Who, Change, Note, ColumnCount };
    enum Roles { SortRole = Qt::UserRole + 1, StatusRole }; // StatusRole: the new FlagStatus

    explicit AuditTrailModel(QObject *parent = nullptr);
    void setEvents(const QList<anomalies::AnomalyEvent> &events);
    const QList<anomalies::AnomalyEvent> &events() const { return m_events; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<anomalies::AnomalyEvent> m_events;
};

} // namespace ecomops::widgets
