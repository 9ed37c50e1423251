#pragma once
// One flag in full: its order line, the product's quantity history against
// the baseline, and the audit trail of its status. Read on the thread pool.
#include "anomalies/FlagQueries.h"
#include "common/JobTracker.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace ecomops::widgets {

class AuditTrailModel;
class QuantityHistoryChart;

class FlagDetailPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FlagDetailPanel(QWidget *parent = nullptr);

    void setConninfo(const QString &conninfo) { m_conninfo = conninfo; }
    // 0 shows the "pick a flag" hint.
    void showFlag(qint64 flagId);
    void reload() { showFlag(m_flagId); }
    // An empty list leaves nothing to pick: the panel clears and says so.
    void showEmptyList(bool empty);
    qint64 flagId() const { return m_flagId; }
    // The detail last shown (flag.flagId == 0 while none).
    const anomalies::FlagDetail &detail() const { return m_detail; }

    AuditTrailModel *auditModel() const { return m_audit; }
    QuantityHistoryChart *chart() const { return m_chart; }
    QTableView *auditView() const { return m_auditView; }

signals:
    void detailLoaded(qint64 flagId);

private:
    void apply(const anomalies::FlagDetail &detail);

    QString m_conninfo;
    qint64 m_flagId = 0;
    bool m_listEmpty = false;
    JobTracker m_job{this};
    anomalies::FlagDetail m_detail;
    QLabel *m_title;
    QLabel *m_summary;
    QLabel *m_explanation; // why the line is unusual (flagexplanation)
    QLabel *m_line;
    QLabel *m_baseline;
    QuantityHistoryChart *m_chart;
    AuditTrailModel *m_audit;
    QTableView *m_auditView;
};

} // namespace ecomops::widgets
