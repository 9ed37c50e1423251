#pragma once
// The run history: recent runs from ops.pipeline_run, and for the selected
// run its stage results and log. Reads happen on the thread pool; a newer
// request supersedes an older one still running.
#include "common/JobTracker.h"
#include "queries/RunQueries.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace ecomops::queries {
struct RunDetail;
}

namespace ecomops::widgets {

class InlineMessage;
class RunDetectorLabel;
class RunHistoryActions;
class RunHistoryModel;
class RunLogModel;
class RunLogPane;
class StageResultModel;

class RunHistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit RunHistoryView(QWidget *parent = nullptr);
    ~RunHistoryView() override; // saves splitters and columns

    RunHistoryModel *model() const { return m_model; }
    StageResultModel *stageModel() const { return m_stageModel; }
    RunLogModel *logModel() const { return m_logModel; }
    QTableView *runsView() const { return m_runsView; }
    QTableView *stagesView() const { return m_stagesView; }
    RunLogPane *logPane() const { return m_logPane; }
    InlineMessage *problem() const { return m_problem; }
    QTabWidget *detailTabs() const { return m_detailTabs; }
    RunHistoryActions *actions() const { return m_actions; }
    QLabel *detailText() const { return m_detailText; }

    // Where to read from; empty when not connected.
    void setConninfo(const QString &conninfo);
    QString conninfo() const { return m_conninfo; }
    bool isLoading() const { return m_loading; }
    qint64 openRunId() const { return m_openRunId; } // the run whose detail is shown

public slots:
    void refresh();
    // Selects the run (after the next refresh if it is not listed yet) and shows its detail.
    void openRun(qint64 runId);

signals:
    void refreshed();
    void detailLoaded(qint64 runId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void selectionChanged();
    void showHistory(const std::vector<queries::RunSummary> &runs, const QString &error);
    void loadDetail(qint64 runId);
    void showDetail(const queries::RunDetail &detail);
    void showProblem(const QString &what, const QString &detail);
    void updateStatusLine();
    void applyColors();

    QString m_conninfo;
    RunHistoryModel *m_model;
    QSortFilterProxyModel *m_proxy;
    StageResultModel *m_stageModel;
    RunLogModel *m_logModel;
    QTableView *m_runsView;
    QTableView *m_stagesView;
    RunLogPane *m_logPane;
    QLabel *m_status;
    QLabel *m_detailTitle;
    QLabel *m_detailText;
    RunDetectorLabel *m_detector = nullptr; // flags per 1,000 lines, precision/recall
    RunHistoryActions *m_actions = nullptr;
    QString m_detailStatus; // the open run's status, for the title colour
    InlineMessage *m_problem;
    InlineMessage *m_runError;
    QSplitter *m_vertical;
    QTabWidget *m_detailTabs;
    JobTracker m_historyJob{this};
    JobTracker m_detailJob{this};
    bool m_loading = false;
    qint64 m_pendingRunId = 0;
    qint64 m_openRunId = 0;
    QDateTime m_updatedAt;
};

} // namespace ecomops::widgets
