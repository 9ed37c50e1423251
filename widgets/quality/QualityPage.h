#pragma once
// Data Quality: a run's scorecard per table — the eight dimensions against
// their thresholds, the overall score and verdict, its trend across runs —
// and the drill-down from a dimension to its rules, from a rule to the rows
// that failed it, with their raw record and every reason.
#include "common/JobTracker.h"
#include "common/WorkspacePage.h"

class QComboBox;
class QLabel;
class QSplitter;
class QTableView;

namespace ecomops::widgets {

class DimensionChart;
class DimensionScoreModel;
class FailingRowModel;
class FailingRowsPane;
class InlineMessage;
class QualityExporter;
class QualitySummary;
class RuleResultModel;
class ScorecardTableModel;
class ScoreTrendChart;

class QualityPage : public WorkspacePage
{
    Q_OBJECT
public:
    explicit QualityPage(ConnectionController *connection, QWidget *parent = nullptr);
    ~QualityPage() override;

    QComboBox *runCombo() const { return m_runs; }
    qint64 currentRun() const;
    QString currentTable() const;
    QString currentDimension() const;
    QString currentRule() const;

    ScorecardTableModel *tableModel() const { return m_tableModel; }
    DimensionScoreModel *dimensionModel() const { return m_dimensionModel; }
    RuleResultModel *ruleModel() const { return m_ruleModel; }
    FailingRowModel *failingModel() const { return m_failingModel; }
    QTableView *tableView() const { return m_tableView; }
    QTableView *dimensionView() const { return m_dimensionView; }
    QTableView *ruleView() const { return m_ruleView; }
    QTableView *failingView() const { return m_failingView; }
    ScoreTrendChart *trendChart() const { return m_trend; }
    QualitySummary *summary() const { return m_summary; }
    FailingRowsPane *failingRows() const { return m_rows; }
    InlineMessage *notice() const { return m_banner; }
    QString overallText() const;
    // What the record pane shows for the chosen failing row, as plain text.
    QString recordText() const;
    bool isBusy() const;

public slots:
    void reloadRuns();
    void selectRun(qint64 runId);
    void selectTable(const QString &table);
    void selectDimension(const QString &dimension);
    void selectRule(const QString &ruleId);
    void warehouseChanged() override;
    QualityExporter *exporter() const { return m_exporter; }

signals:
    void runsLoaded();
    void scorecardLoaded();
    void rulesLoaded();
    void failingRowsLoaded();
    void exported(const QString &path, const QString &error);

private:
    void loadScorecard(qint64 runId);
    void showTable(int row);
    void loadRules();
    void loadFailingRows();
    void loadMoreFailingRows(qint64 offset);

    void showError(const QString &text);
    void buildLayout(); // QualityPageLayout.cpp, with the state
    void saveState() const;
    void restoreState();

    QComboBox *m_runs;
    InlineMessage *m_banner;
    QualitySummary *m_summary;
    QualityExporter *m_exporter = nullptr;
    DimensionChart *m_chart;
    ScoreTrendChart *m_trend;
    ScorecardTableModel *m_tableModel;
    DimensionScoreModel *m_dimensionModel;
    RuleResultModel *m_ruleModel;
    FailingRowsPane *m_rows;
    FailingRowModel *m_failingModel;
    QTableView *m_tableView;
    QTableView *m_dimensionView;
    QTableView *m_ruleView;
    QTableView *m_failingView;
    QLabel *m_rulesTitle;
    QSplitter *m_mainSplitter;
    QSplitter *m_rightSplitter;
    QSplitter *m_drillSplitter;
    QString m_conninfo;
    JobTracker m_runsJob{this};
    JobTracker m_scoreJob{this};
    JobTracker m_ruleJob{this};
    JobTracker m_rowJob{this};
    JobTracker m_trendJob{this};
    QString m_wantTable;
    QString m_wantDimension;
    bool m_followNewest = false;
    qint64 m_wantRun = 0; // selectRun() of a run the picker does not list yet
};

} // namespace ecomops::widgets
