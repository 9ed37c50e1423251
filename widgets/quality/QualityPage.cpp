#include "quality/QualityPage.h"

#include "common/Theme.h"
#include "connection/ConnectionController.h"
#include "quality/DimensionChart.h"
#include "quality/DimensionScoreModel.h"
#include "quality/FailingRowModel.h"
#include "quality/QualityText.h"
#include "quality/RuleResultModel.h"
#include "quality/ScoreTrendChart.h"
#include "quality/ScorecardTableModel.h"
#include "quality/VerdictDelegate.h"
#include "queries/QualityQueries.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace ecomops::widgets {

using namespace qualitytext;

namespace {

const QString kSettingsGroup = QStringLiteral("quality");

QTableView *makeView(QAbstractItemModel *model, const QString &name)
{
    auto *view = new QTableView;
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTabKeyNavigation(false);
    return view;
}

QWidget *titled(QLabel *title, QWidget *body)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(title);
    layout->addWidget(body, 1);
    return box;
}

int currentRowOf(const QTableView *view)
{
    const QModelIndex index = view->selectionModel() ? view->selectionModel()->currentIndex() : QModelIndex();
    return index.isValid() ? index.row() : -1;
}

void selectRow(QTableView *view, int row)
{
    if (row < 0 || row >= view->model()->rowCount())
        return;
    view->selectionModel()->setCurrentIndex(view->model()->index(row, 0),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(view->model()->index(row, 0));
}

} // namespace

QualityPage::QualityPage(ConnectionController *connection, QWidget *parent)
    : WorkspacePage(Workspace::Quality, connection, parent), m_runs(new QComboBox), m_banner(new QLabel),
      m_overall(new QLabel), m_verdict(new QLabel), m_tableTitle(new QLabel), m_messages(new QLabel),
      m_chart(new DimensionChart), m_trend(new ScoreTrendChart), m_tableModel(new ScorecardTableModel(this)),
      m_dimensionModel(new DimensionScoreModel(this)), m_ruleModel(new RuleResultModel(this)),
      m_failingModel(new FailingRowModel(this)), m_tableView(makeView(m_tableModel, QStringLiteral("qualityTables"))),
      m_dimensionView(makeView(m_dimensionModel, QStringLiteral("qualityDimensions"))),
      m_ruleView(makeView(m_ruleModel, QStringLiteral("qualityRules"))),
      m_failingView(makeView(m_failingModel, QStringLiteral("qualityFailingRows"))), m_rulesTitle(new QLabel),
      m_rowsTitle(new QLabel), m_record(new QTextBrowser), m_mainSplitter(new QSplitter(Qt::Horizontal)),
      m_rightSplitter(new QSplitter(Qt::Vertical)), m_drillSplitter(new QSplitter(Qt::Horizontal)),
      m_rowsSplitter(new QSplitter(Qt::Horizontal))
{
    auto *runLabel = new QLabel(tr("&Run"));
    runLabel->setBuddy(m_runs);
    m_runs->setObjectName(QStringLiteral("qualityRun"));
    m_runs->setMinimumContentsLength(34);
    m_runs->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_runs->setToolTip(tr("The validated run whose scorecard is shown"));
    auto *refresh = new QAction(tr("Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    refresh->setToolTip(tr("Read the runs and scores again (F5)"));
    connect(refresh, &QAction::triggered, this, &QualityPage::reloadRuns);
    addAction(refresh);
    auto *refreshButton = new QToolButton;
    refreshButton->setDefaultAction(refresh);
    headerActions()->addWidget(runLabel);
    headerActions()->addWidget(m_runs);
    headerActions()->addWidget(refreshButton);

    m_banner->setWordWrap(true);
    m_banner->setMargin(8);
    m_banner->setAutoFillBackground(true);
    m_banner->setBackgroundRole(QPalette::Window); // the page itself paints Base
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();

    // The score card: table, the overall score in large type, verdict and gate messages.
    m_tableTitle->setFont(theme::scaledFont(font(), 1.25, QFont::DemiBold));
    m_overall->setObjectName(QStringLiteral("qualityOverall"));
    m_overall->setFont(theme::scaledFont(font(), 3.6, QFont::Bold));
    m_verdict->setFont(theme::scaledFont(font(), 1.1, QFont::DemiBold));
    m_messages->setWordWrap(true);
    theme::setMutedText(m_messages, palette(), QPalette::Window);
    auto *card = new QWidget;
    card->setMinimumWidth(200);
    card->setMaximumWidth(280);
    auto *cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(8, 8, 8, 8);
    cardLayout->addWidget(m_tableTitle);
    cardLayout->addWidget(m_overall);
    cardLayout->addWidget(m_verdict);
    cardLayout->addWidget(m_messages);
    cardLayout->addStretch(1);
    auto *summary = new QWidget;
    auto *summaryLayout = new QHBoxLayout(summary);
    summaryLayout->setContentsMargins(0, 0, 0, 0);
    summaryLayout->addWidget(card);
    summaryLayout->addWidget(m_chart, 3);
    summaryLayout->addWidget(m_trend, 2);

    m_tableView->setItemDelegateForColumn(ScorecardTableModel::Verdict,
                                          new VerdictDelegate(ScorecardTableModel::VerdictRole, m_tableView));
    m_dimensionView->setItemDelegateForColumn(DimensionScoreModel::Score,
                                              new VerdictDelegate(DimensionScoreModel::VerdictRole, m_dimensionView));
    m_ruleView->setItemDelegateForColumn(RuleResultModel::Failed,
                                         new VerdictDelegate(RuleResultModel::VerdictRole, m_ruleView));
    m_tableView->setMinimumWidth(250);
    m_tableView->hideColumn(ScorecardTableModel::Failed);
    m_failingView->horizontalHeader()->setStretchLastSection(true);
    m_failingView->setColumnWidth(FailingRowModel::Line, 60);
    m_failingView->setColumnWidth(FailingRowModel::Outcome, 150);
    m_failingView->setColumnWidth(FailingRowModel::Value, 120);
    m_failingView->setColumnWidth(FailingRowModel::Reasons, 300);
    m_ruleView->setColumnWidth(RuleResultModel::Rule, 230);
    m_ruleView->setColumnWidth(RuleResultModel::Description, 300);
    m_ruleView->setColumnWidth(RuleResultModel::Severity, 110);
    m_ruleView->setColumnWidth(RuleResultModel::Failed, 120);
    m_record->setObjectName(QStringLiteral("qualityRecord"));
    m_record->setOpenLinks(false);
    m_record->setMinimumWidth(260);

    for (QLabel *title : {m_rulesTitle, m_rowsTitle})
        title->setFont(theme::scaledFont(font(), 1.0, QFont::DemiBold));
    auto *dimensionsTitle = new QLabel(tr("Dimensions"));
    dimensionsTitle->setFont(theme::scaledFont(font(), 1.0, QFont::DemiBold));
    m_drillSplitter->addWidget(titled(dimensionsTitle, m_dimensionView));
    m_drillSplitter->addWidget(titled(m_rulesTitle, m_ruleView));
    m_drillSplitter->setStretchFactor(0, 2);
    m_drillSplitter->setStretchFactor(1, 5);
    auto *recordTitle = new QLabel(tr("Raw record and reasons"));
    recordTitle->setFont(theme::scaledFont(font(), 1.0, QFont::DemiBold));
    m_rowsSplitter->addWidget(titled(m_rowsTitle, m_failingView));
    m_rowsSplitter->addWidget(titled(recordTitle, m_record));
    m_rowsSplitter->setStretchFactor(0, 3);
    m_rowsSplitter->setStretchFactor(1, 2);
    m_rightSplitter->addWidget(summary);
    m_rightSplitter->addWidget(m_drillSplitter);
    m_rightSplitter->addWidget(m_rowsSplitter);
    m_rightSplitter->setStretchFactor(0, 4);
    m_rightSplitter->setStretchFactor(1, 3);
    m_rightSplitter->setStretchFactor(2, 3);
    auto *tablesTitle = new QLabel(tr("Tables"));
    tablesTitle->setFont(theme::scaledFont(font(), 1.0, QFont::DemiBold));
    m_mainSplitter->addWidget(titled(tablesTitle, m_tableView));
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 4);
    for (QSplitter *s : {m_mainSplitter, m_rightSplitter, m_drillSplitter, m_rowsSplitter})
        s->setChildrenCollapsible(false);
    m_mainSplitter->setObjectName(QStringLiteral("qualityMain"));
    // First-run proportions; restoreState() brings back the user's own.
    m_mainSplitter->setSizes({270, 1000});
    m_rightSplitter->setSizes({300, 220, 320});
    m_drillSplitter->setSizes({380, 620});
    m_rowsSplitter->setSizes({560, 440});

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_mainSplitter, 1);
    setContent(content);

    connect(m_runs, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            loadScorecard(m_runs->itemData(index).toLongLong());
    });
    connect(m_tableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showTable(current.row()); });
    connect(m_dimensionView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { loadRules(); });
    connect(m_ruleView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { loadFailingRows(); });
    connect(m_failingView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showFailingRow(current.row()); });
    connect(m_chart, &DimensionChart::dimensionClicked, this, &QualityPage::selectDimension);
    connect(connection, &ConnectionController::statusChanged, this, [this] {
        const QString conninfo =
            this->connection()->isConnected() ? this->connection()->effectiveConninfo() : QString();
        if (conninfo != m_conninfo) {
            m_conninfo = conninfo;
            reloadRuns();
        }
    });
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
    return m_overall->text();
}

QString QualityPage::recordText() const
{
    return m_record->toPlainText();
}

bool QualityPage::isBusy() const
{
    return m_runsJob.isRunning() || m_scoreJob.isRunning() || m_ruleJob.isRunning() || m_rowJob.isRunning() ||
           m_trendJob.isRunning();
}

void QualityPage::showError(const QString &text)
{
    QPalette pal = palette();
    pal.setColor(QPalette::Window, theme::mix(pal.color(QPalette::Base), QColor(0xd6, 0x33, 0x3a), 0.14));
    m_banner->setPalette(pal);
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
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
            const qint64 keep = currentRun();
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
                m_tableTitle->setText(tr("No scored run yet"));
                m_overall->setText(QStringLiteral("—"));
                m_verdict->setText(tr("Run the pipeline: its validate stage scores every table here."));
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

void QualityPage::selectRun(qint64 runId)
{
    const int index = m_runs->findData(runId);
    if (index >= 0)
        m_runs->setCurrentIndex(index);
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
    const Verdict verdict = verdictFrom(t->verdict);
    m_tableTitle->setText(tableLabel(t->table));
    m_overall->setText(scoreText(t->overall));
    const QString colour = QStringLiteral("color: %1").arg(verdictColor(verdict, palette()).name());
    m_overall->setStyleSheet(colour);
    m_verdict->setStyleSheet(colour);
    m_verdict->setText(t->overallThreshold >= 0
                           ? tr("%1 · threshold %2").arg(verdictLabel(verdict), scoreText(t->overallThreshold))
                           : verdictLabel(verdict));
    QStringList notes;
    for (const queries::DimensionScore &d : t->dimensions)
        if (d.score >= 0 && !d.passed)
            notes.append(tr("%1 %2 is below its threshold of %3")
                             .arg(dimensionLabel(d.dimension), scoreText(d.score), scoreText(d.threshold)));
    if (t->table.isEmpty())
        notes += m_tableModel->scorecard().messages;
    m_messages->setText(notes.isEmpty() ? tr("Every dimension meets its threshold.") : notes.join(QLatin1Char('\n')));

    m_dimensionModel->setScores(t->dimensions);
    m_dimensionView->resizeColumnsToContents();
    m_dimensionView->horizontalHeader()->setStretchLastSection(true);
    m_chart->setScores(t->dimensions);

    // The trend of this table's overall score.
    m_trendJob.run([conninfo = m_conninfo, table = t->table] { return queries::overallTrend(conninfo, table); },
                   [this](const std::vector<queries::TrendPoint> &trend) { m_trend->setTrend(trend, currentRun()); },
                   [](const JobFailure &) {}); // the scorecard beside it says what is wrong

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
                      else {
                          m_failingModel->setRows({});
                          m_rowsTitle->setText(tr("No rule of this dimension applies to this table."));
                          m_record->clear();
                      }
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
    m_record->clear();
    if (!rule) {
        m_rowJob.drop();
        m_failingModel->setRows({});
        return;
    }
    m_rowsTitle->setText(rule->failed == 0
                             ? tr("No row failed %1").arg(rule->ruleId)
                             : tr("Rows that failed %1 (%2)").arg(rule->ruleId, QLocale().toString(rule->failed)));
    m_rowJob.run(
        [conninfo = m_conninfo, runId = currentRun(), table = currentTable(), ruleId = rule->ruleId] {
            return queries::failingRows(conninfo, runId, table, ruleId);
        },
        [this](const std::vector<queries::FailingRow> &rows) {
            m_failingModel->setRows(rows);
            emit failingRowsLoaded();
            if (m_failingModel->rowCount() > 0)
                selectRow(m_failingView, 0);
        },
        [this](const JobFailure &f) { showError(tr("The failing rows could not be read: %1").arg(f.text())); });
}

void QualityPage::showFailingRow(int row)
{
    const queries::FailingRow *f = m_failingModel->rowAt(row);
    if (!f) {
        m_record->clear();
        return;
    }
    QString html =
        QStringLiteral("<p><b>") +
        (f->sourceLine > 0 ? tr("Line %1").arg(f->sourceLine) : tr("The snapshot as a whole")) +
        QStringLiteral("</b> · ") +
        (f->quarantined ? tr("quarantined at the %1 stage").arg(f->stage) : tr("loaded; the rule only counts it")) +
        QStringLiteral("</p>");
    if (!f->value.isEmpty())
        html += QStringLiteral("<p>") + tr("Failing value: <code>%1</code>").arg(f->value.toHtmlEscaped()) +
                QStringLiteral("</p>");
    html += QStringLiteral("<p><b>") + tr("Every reason") + QStringLiteral("</b></p><ul>");
    for (int i = 0; i < f->reasons.size(); ++i) {
        html += QStringLiteral("<li>") + f->reasons.at(i).toHtmlEscaped();
        if (i < f->ruleIds.size() && !f->ruleIds.at(i).isEmpty())
            html += QStringLiteral(" <i>(") + f->ruleIds.at(i).toHtmlEscaped() + QStringLiteral(")</i>");
        html += QStringLiteral("</li>");
    }
    html += QStringLiteral("</ul><p><b>") + tr("Raw record") + QStringLiteral("</b></p><pre>") +
            f->rawRecord.toHtmlEscaped() + QStringLiteral("</pre>");
    m_record->setHtml(html);
}

void QualityPage::saveState() const
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    settings.setValue(QStringLiteral("main"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("right"), m_rightSplitter->saveState());
    settings.setValue(QStringLiteral("drill"), m_drillSplitter->saveState());
    settings.setValue(QStringLiteral("rows"), m_rowsSplitter->saveState());
    settings.setValue(QStringLiteral("ruleColumns"), m_ruleView->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("rowColumns"), m_failingView->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("table"), currentTable());
    settings.setValue(QStringLiteral("dimension"), currentDimension());
    settings.endGroup();
}

void QualityPage::restoreState()
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    m_mainSplitter->restoreState(settings.value(QStringLiteral("main")).toByteArray());
    m_rightSplitter->restoreState(settings.value(QStringLiteral("right")).toByteArray());
    m_drillSplitter->restoreState(settings.value(QStringLiteral("drill")).toByteArray());
    m_rowsSplitter->restoreState(settings.value(QStringLiteral("rows")).toByteArray());
    const QByteArray rules = settings.value(QStringLiteral("ruleColumns")).toByteArray();
    if (!rules.isEmpty())
        m_ruleView->horizontalHeader()->restoreState(rules);
    const QByteArray rows = settings.value(QStringLiteral("rowColumns")).toByteArray();
    if (!rows.isEmpty())
        m_failingView->horizontalHeader()->restoreState(rows);
    m_wantTable = settings.value(QStringLiteral("table")).toString();
    m_wantDimension = settings.value(QStringLiteral("dimension")).toString();
    settings.endGroup();
}

} // namespace ecomops::widgets
