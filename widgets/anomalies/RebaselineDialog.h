#pragma once
// "Recompute baselines…": recomputes every product's quantity baseline with
// the saved detector settings (the ones the console's runs use) on the
// thread pool, shows a busy bar meanwhile, then the products whose threshold
// changed, before → after, in a sortable table (largest change first).
#include "anomalies/AnomalyOptions.h"
#include "anomalies/Rebaseline.h"
#include "common/JobTracker.h"

#include <QDialog>

#include <functional>

class QAction;
class QLabel;
class QProgressBar;
class QStandardItemModel;
class QTableView;

namespace ecomops::widgets {

class RebaselineDialog : public QDialog
{
    Q_OBJECT
public:
    RebaselineDialog(const QString &conninfo, const anomalies::AnomalyOptions &options, QWidget *parent = nullptr);

    // Starts the recomputation (once).
    void start();
    bool isBusy() const { return m_job.isRunning(); }
    QTableView *table() const { return m_table; }
    QString summaryText() const;
    // "Recompute baselines…": opens the dialog on the warehouse `conninfo()`
    // names at that moment, with the saved detector settings. Disabled until
    // the page knows the role may (setEnabled / tooltip by the page).
    static QAction *makeAction(std::function<QString()> conninfo, QWidget *parent);

signals:
    void resultShown(bool ok); // the result (or the failure) is on screen

private:
    void showReport(const anomalies::RebaselineReport &report);

    QString m_conninfo;
    anomalies::AnomalyOptions m_options;
    QLabel *m_summary;
    QProgressBar *m_busy;
    QStandardItemModel *m_model;
    QTableView *m_table;
    JobTracker m_job{this, JobTracker::Keep::Every};
};

} // namespace ecomops::widgets
