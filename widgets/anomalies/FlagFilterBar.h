#pragma once
// The filters above the flag table: one toggle per status showing how many
// flags it holds, a product search, an order date range and a minimum
// z-score. Kept in QSettings.
#include "anomalies/FlagQueries.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace ecomops::widgets {

class FlagFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FlagFilterBar(QWidget *parent = nullptr);

    anomalies::FlagFilter filter() const;
    void setStatusCounts(const QMap<anomalies::FlagStatus, qint64> &counts, qint64 shown);

    void setStatuses(const QList<anomalies::FlagStatus> &statuses);
    void setProduct(const QString &text);
    void setDateRange(const QDate &from, const QDate &to); // invalid: open
    void setMinZ(double z);                                // 0: any
    // Only the flags raised by run `runId` (the Runs history's "anomaly
    // flags" link), with every other filter opened; 0 shows every run's
    // again. Not kept in QSettings: it is where the user came from.
    void showRun(qint64 runId);
    qint64 runId() const { return m_runId; }

    void saveState(const QString &group) const;
    void restoreState(const QString &group);

signals:
    void filterChanged();

private:
    void changed();

    QMap<anomalies::FlagStatus, QToolButton *> m_status;
    QLineEdit *m_product;
    QCheckBox *m_useFrom;
    QDateEdit *m_from;
    QCheckBox *m_useTo;
    QDateEdit *m_to;
    QDoubleSpinBox *m_minZ;
    QLabel *m_total;
    QTimer *m_debounce;
    QToolButton *m_run;
    qint64 m_runId = 0;
    bool m_restoring = false;
};

} // namespace ecomops::widgets
