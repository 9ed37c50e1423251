#include "quality/QualityPage.h"

#include "common/InlineMessage.h"
#include "connection/ConnectionController.h"
#include "quality/DimensionChart.h"
#include "quality/DimensionScoreModel.h"
#include "quality/FailingRowModel.h"
#include "quality/FailingRowsPane.h"
#include "quality/QualityExporter.h"
#include "quality/QualitySummary.h"
#include "quality/QualityText.h"
#include "quality/QualityViews.h"
#include "quality/RuleResultModel.h"
#include "quality/ScoreTrendChart.h"
#include "quality/ScorecardTableModel.h"
#include "queries/QualityQueries.h"

#include <QComboBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>

#include <utility>

namespace ecomops::widgets {

using namespace qualitytext;
using namespace qualityviews;

QualityPage::QualityPage(ConnectionController *connection, QWidget *parent)
    : WorkspacePage(Workspace::Quality, connection, parent), m_runs(new QComboBox), m_banner(new InlineMessage),
      m_summary(new QualitySummary), m_tableModel(new ScorecardTableModel(this)),
      m_dimensionModel(new DimensionScoreModel(this)), m_ruleModel(new RuleResultModel(this)),
      m_rows(new FailingRowsPane), m_tableView(makeView(m_tableModel, QStringLiteral("qualityTables"))),
      m_dimensionView(makeView(m_dimensionModel, QStringLiteral("qualityDimensions"))),
      m_ruleView(makeView(m_ruleModel, QStringLiteral("qualityRules"))), m_rulesTitle(heading()),
      m_mainSplitter(new QSplitter(Qt::Horizontal)), m_rightSplitter(new QSplitter(Qt::Vertical)),
      m_drillSplitter(new QSplitter(Qt::Horizontal))
{
    m_chart = m_summary->chart();
    m_trend = m_summary->trend();
    m_failingModel = m_rows->model();
    m_failingView = m_rows->view();
    m_exporter = new QualityExporter(this, m_banner,
                                     {[this] { return m_tableModel->scorecard(); },
                                      [this] { return m_ruleModel->ruleAt(currentRowOf(m_ruleView)); },
                                      [this] { return currentRun(); }, [this] { return m_conninfo; }});
    connect(m_exporter, &QualityExporter::exported, this, &QualityPage::exported);
    buildLayout();

    connect(m_runs, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            loadScorecard(m_runs->itemData(index).toLongLong());
    });
    connect(m_tableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showTable(current.row()); });
    connect(m_dimensionView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { loadRules(); });
    connect(m_ruleView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { loadFailingRows(); });
    connect(m_rows, &FailingRowsPane::moreRequested, this, &QualityPage::loadMoreFailingRows);
    connect(m_chart, &DimensionChart::dimensionClicked, this, &QualityPage::selectDimension);
    connect(connection, &ConnectionController::statusChanged, this, [this] {
        const QString conninfo =
            this->connection()->isConnected() ? this->connection()->effectiveConninfo() : QString();
        if (conninfo != m_conninfo) {
            m_conninfo = conninfo;
            reloadRuns();
        }
    });
    // Queued: the picker's signals are blocked while it is being filled.
    connect(
        this, &QualityPage::runsLoaded, this,
        [this] {
            if (std::exchange(m_followNewest, false) && m_runs->count() > 0 && m_runs->currentIndex() != 0)
                m_runs->setCurrentIndex(0);
        },
        Qt::QueuedConnection);
    restoreState();
    if (connection->isConnected()) {
        m_conninfo = connection->effectiveConninfo();
        reloadRuns();
    }
}

QualityPage::~QualityPage()
{
    saveState();
}

qint64 QualityPage::currentRun() const
{
    return m_runs->currentIndex() >= 0 ? m_runs->currentData().toLongLong() : 0;
}

QString QualityPage::currentTable() const
{
    const auto *t = m_tableModel->tableAt(currentRowOf(m_tableView));
    return t ? t->table : QString();
}

QString QualityPage::currentDimension() const
{
    const int row = currentRowOf(m_dimensionView);
    return row >= 0 ? m_dimensionModel->scores()[std::size_t(row)].dimension : QString();
}

QString QualityPage::currentRule() const
{
    const auto *r = m_ruleModel->ruleAt(currentRowOf(m_ruleView));
    return r ? r->ruleId : QString();
}

QString QualityPage::overallText() const
{
    return m_summary->overallText();
}

QString QualityPage::recordText() const
{
    return m_rows->recordText();
}

bool QualityPage::isBusy() const
{
    return m_runsJob.isRunning() || m_scoreJob.isRunning() || m_ruleJob.isRunning() || m_rowJob.isRunning() ||
           m_trendJob.isRunning();
}

void QualityPage::showError(const QString &text)
{
    if (text.isEmpty())
        m_banner->hide();
    else
        m_banner->showMessage(Tone::Bad, tr("Could not read the quality records"), text);
}

void QualityPage::reloadRuns()
{
    if (m_conninfo.isEmpty()) {
        m_runs->clear();
        m_tableModel->setScorecard({});
        return;
    }
    m_runsJob.run(
        [conninfo = m_conninfo] { return queries::qualityRuns(conninfo); },
        [this](const std::vector<queries::QualityRunInfo> &runs) {
            const qint64 keep = m_wantRun > 0 ? std::exchange(m_wantRun, 0) : currentRun();
            const QLocale locale;
            const QSignalBlocker blocker(m_runs);
            m_runs->clear();
            for (const queries::QualityRunInfo &run : runs)
                m_runs->addItem(tr("Run %1 · %2 · %3 (%4)")
                                    .arg(run.runId)
                                    .arg(locale.toString(run.queuedAt.toLocalTime(), QLocale::ShortFormat),
                                         scoreText(run.overall), verdictLabel(verdictFrom(run.gateStatus))),
                                run.runId);
            if (runs.empty()) {
                showError(QString());
                m_tableModel->setScorecard({});
                m_summary->showNoRun();
                emit runsLoaded();
                return;
            }
            const int index = std::max(0, m_runs->findData(keep));
            m_runs->setCurrentIndex(index);
            emit runsLoaded();
            loadScorecard(m_runs->itemData(index).toLongLong());
        },
        [this](const JobFailure &f) { showError(tr("The quality runs could not be read: %1").arg(f.text())); });
}

void QualityPage::warehouseChanged()
{
    // A user looking at the newest run goes on to the run that just ended;
    // one looking at an older run keeps it.
    m_followNewest = m_runs->currentIndex() <= 0;
    reloadRuns();
}

void QualityPage::selectRun(qint64 runId)
{
    m_followNewest = false;
    const int index = m_runs->findData(runId);
    if (index >= 0) {
        m_runs->setCurrentIndex(index);
        return;
    }
    // Not listed yet (it ended since the list was read): read the list again and pick it then.
    m_wantRun = runId;
    reloadRuns();
}

void QualityPage::loadScorecard(qint64 runId)
{
    m_scoreJob.run([conninfo = m_conninfo, runId] { return queries::runScorecard(conninfo, runId); },
                   [this](const queries::RunScorecard &scorecard) {
                       showError(QString());
                       const QString keep = m_wantTable.isEmpty() ? currentTable() : m_wantTable;
                       m_tableModel->setScorecard(scorecard);
                       m_tableView->resizeColumnsToContents();
                       emit scorecardLoaded();
                       selectRow(m_tableView, std::max(0, m_tableModel->rowOfTable(keep)));
                   },
                   [this](const JobFailure &f) { showError(tr("The scorecard could not be read: %1").arg(f.text())); });
}

void QualityPage::selectTable(const QString &table)
{
    m_wantTable = table;
    selectRow(m_tableView, m_tableModel->rowOfTable(table));
}

void QualityPage::showTable(int row)
{
    const queries::TableScorecard *t = m_tableModel->tableAt(row);
    if (!t)
        return;
    m_wantTable = t->table;
    m_summary->showTable(*t, m_tableModel->scorecard().messages);
    m_ruleView->setColumnHidden(RuleResultModel::Table, !t->table.isEmpty());
    m_dimensionModel->setScores(t->dimensions);
    m_dimensionView->resizeColumnsToContents();
    m_dimensionView->horizontalHeader()->setStretchLastSection(true);

    // The trend of this table's overall score.
    // A trend that cannot be read leaves the chart as it was: the scorecard
    // beside it says what went wrong with the connection.
    m_trendJob.run([conninfo = m_conninfo, table = t->table] { return queries::overallTrend(conninfo, table); },
                   [this](const std::vector<queries::TrendPoint> &trend) { m_trend->setTrend(trend, currentRun()); },
                   [](const JobFailure &) {});

    // Where to drill first: the dimension asked for, else the weakest one that was checked.
    QString dimension = m_wantDimension;
    if (m_dimensionModel->rowOfDimension(dimension) < 0) {
        double worst = 1000;
        for (const queries::DimensionScore &d : t->dimensions)
            if (d.score >= 0 && d.score < worst) {
                worst = d.score;
                dimension = d.dimension;
            }
    }
    selectRow(m_dimensionView, std::max(0, m_dimensionModel->rowOfDimension(dimension)));
}

void QualityPage::selectDimension(const QString &dimension)
{
    m_wantDimension = dimension;
    selectRow(m_dimensionView, m_dimensionModel->rowOfDimension(dimension));
}

void QualityPage::loadRules()
{
    const QString dimension = currentDimension();
    const QString table = currentTable();
    const qint64 runId = currentRun();
    m_rulesTitle->setText(tr("Rules of %1 for %2").arg(dimensionLabel(dimension), tableLabel(table)));
    if (dimension.isEmpty() || runId == 0) {
        m_ruleJob.drop();
        m_ruleModel->setRules({});
        return;
    }
    m_ruleJob.run([conninfo = m_conninfo, runId, table,
                   dimension] { return queries::dimensionRules(conninfo, runId, table, dimension); },
                  [this](const std::vector<queries::RuleResult> &rules) {
                      m_ruleModel->setRules(rules);
                      emit rulesLoaded();
                      if (m_ruleModel->rowCount() > 0)
                          selectRow(m_ruleView, 0);
                      else
                          m_rows->showMessage(tr("No rule of this dimension applies to this table."));
                  },
                  [this](const JobFailure &f) { showError(tr("The rules could not be read: %1").arg(f.text())); });
}

void QualityPage::selectRule(const QString &ruleId)
{
    for (int row = 0; row < m_ruleModel->rowCount(); ++row)
        if (m_ruleModel->ruleAt(row)->ruleId == ruleId)
            selectRow(m_ruleView, row);
}

void QualityPage::loadFailingRows()
{
    const queries::RuleResult *rule = m_ruleModel->ruleAt(currentRowOf(m_ruleView));
    m_rowJob.drop(); // a page of the rule shown before is stale
    m_rows->showRule(rule);
    loadMoreFailingRows(0);
}

// A page of the chosen rule's failing rows: the first (offset 0) replaces
// the rows shown, the next ones add to them.
void QualityPage::loadMoreFailingRows(qint64 offset)
{
    const queries::RuleResult *rule = m_ruleModel->ruleAt(currentRowOf(m_ruleView));
    if (!rule)
        return;
    m_rowJob.run(
        [conninfo = m_conninfo, runId = currentRun(), table = rule->table, ruleId = rule->ruleId, offset] {
            return queries::failingRowPage(conninfo, runId, table, ruleId, FailingRowsPane::kPageSize, offset);
        },
        [this, offset](const queries::FailingRowPage &page) {
            m_rows->addPage(page, offset == 0);
            emit failingRowsLoaded();
        },
        [this](const JobFailure &f) { showError(tr("The failing rows could not be read: %1").arg(f.text())); });
}

} // namespace ecomops::widgets
