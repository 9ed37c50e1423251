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
class QTextBrowser;

namespace ecomops::widgets {

class DimensionChart;
class DimensionScoreModel;
class FailingRowModel;
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

signals:
    void runsLoaded();
    void scorecardLoaded();
    void rulesLoaded();
    void failingRowsLoaded();

private:
    void loadScorecard(qint64 runId);
    void showTable(int row);
    void loadRules();
    void loadFailingRows();
    void showFailingRow(int row);
    void showError(const QString &text);
    void saveState() const;
    void restoreState();

    QComboBox *m_runs;
    QLabel *m_banner;
    QLabel *m_overall;
    QLabel *m_verdict;
    QLabel *m_tableTitle;
    QLabel *m_messages;
    DimensionChart *m_chart;
    ScoreTrendChart *m_trend;
    ScorecardTableModel *m_tableModel;
    DimensionScoreModel *m_dimensionModel;
    RuleResultModel *m_ruleModel;
    FailingRowModel *m_failingModel;
    QTableView *m_tableView;
    QTableView *m_dimensionView;
    QTableView *m_ruleView;
    QTableView *m_failingView;
    QLabel *m_rulesTitle;
    QLabel *m_rowsTitle;
    QTextBrowser *m_record;
    QSplitter *m_mainSplitter;
    QSplitter *m_rightSplitter;
    QSplitter *m_drillSplitter;
    QSplitter *m_rowsSplitter;
    QString m_conninfo;
    JobTracker m_runsJob{this};
    JobTracker m_scoreJob{this};
    JobTracker m_ruleJob{this};
    JobTracker m_rowJob{this};
    JobTracker m_trendJob{this};
    QString m_wantTable;
    QString m_wantDimension;
};

} // namespace ecomops::widgets
