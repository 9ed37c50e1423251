#include "runs/RunHistoryView.h"

#include "common/InlineMessage.h"
#include "common/StatusPillDelegate.h"
#include "common/Theme.h"
#include "queries/RunQueries.h"
#include "runs/RunDelegates.h"
#include "runs/RunDetectorLabel.h"
#include "runs/RunHistoryActions.h"
#include "runs/RunHistoryModel.h"
#include "runs/RunLogModel.h"
#include "runs/RunLogPane.h"
#include "runs/RunText.h"
#include "runs/RunViews.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace ecomops::widgets {
namespace {

const QString kSettings = QStringLiteral("runs/history/");

} // namespace

RunHistoryView::RunHistoryView(QWidget *parent)
    : QWidget(parent), m_model(new RunHistoryModel(this)), m_proxy(nullptr), m_stageModel(new StageResultModel(this)),
      m_logModel(new RunLogModel(this)), m_runsView(new QTableView(this)), m_stagesView(new QTableView(this)),
      m_logPane(new RunLogPane(m_logModel, kSettings + QStringLiteral("log"), this)), m_status(new QLabel(this)),
      m_detailTitle(new QLabel(this)), m_detailText(new QLabel(this)), m_problem(new InlineMessage(this)),
      m_runError(new InlineMessage(this)), m_vertical(new QSplitter(Qt::Vertical, this)),
      m_detailTabs(new QTabWidget(this))
{
    auto *caption = new QLabel(tr("Recent runs"), this);
    caption->setFont(theme::scaledFont(font(), 1.0, QFont::DemiBold));
    m_status->setObjectName(QStringLiteral("historyStatus"));
    auto *bar = new QHBoxLayout;
    bar->setSpacing(10);
    bar->addWidget(caption);
    bar->addWidget(m_status, 1);

    m_runsView->setObjectName(QStringLiteral("historyView"));
    m_runsView->setAccessibleName(tr("Run history"));
    m_proxy = setUpSortableRunTable(m_runsView, m_model, RunHistoryModel::SortRole);
    m_runsView->setItemDelegateForColumn(RunHistoryModel::StatusColumn,
                                         new StatusPillDelegate(RunHistoryModel::ToneRole, m_runsView));
    const int widths[RunHistoryModel::ColumnCount] = {40, 100, 108, 104, 112, 62, 64, 64, 82, 44, 74, 48};
    for (int c = 0; c < RunHistoryModel::ColumnCount; ++c)
        m_runsView->setColumnWidth(c, widths[c]);
    m_runsView->sortByColumn(RunHistoryModel::RunColumn, Qt::DescendingOrder);
    restoreHeaderState(m_runsView, kSettings + QStringLiteral("columns"));

    m_detailTitle->setObjectName(QStringLiteral("detailTitle"));
    m_detailTitle->setFont(theme::scaledFont(font(), 1.1, QFont::DemiBold));
    m_detailText->setObjectName(QStringLiteral("detailText"));
    m_detailText->setWordWrap(true);
    m_detailText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detector = new RunDetectorLabel(this);
    m_actions = new RunHistoryActions(this);
    // A note shows at once: the history is read again, and the open run with it.
    connect(m_actions, &RunHistoryActions::noteAdded, this, &RunHistoryView::refresh);
    connect(m_actions, &RunHistoryActions::problem, this,
            [this](const QString &what, const QString &detail) { m_problem->showMessage(Tone::Bad, what, detail); });
    m_runError->setObjectName(QStringLiteral("runError"));
    m_runError->setClosable(false);
    m_problem->setObjectName(QStringLiteral("historyProblem"));

    m_stagesView->setObjectName(QStringLiteral("stagesView"));
    m_stagesView->setAccessibleName(tr("Stage results of the selected run"));
    m_stagesView->setModel(m_stageModel); // in pipeline order: the meaningful one
    setUpRunTable(m_stagesView);
    m_stagesView->setItemDelegateForColumn(StageResultModel::StatusColumn,
                                           new StatusPillDelegate(StageResultModel::ToneRole, m_stagesView));
    const int stageWidths[StageResultModel::ColumnCount] = {74, 110, 100, 78, 78, 84, 68, 64, 200};
    for (int c = 0; c < StageResultModel::ColumnCount; ++c)
        m_stagesView->setColumnWidth(c, stageWidths[c]);
    m_stagesView->horizontalHeader()->setStretchLastSection(true);
    restoreHeaderState(m_stagesView, kSettings + QStringLiteral("stageColumns"));
    m_logPane->setObjectName(QStringLiteral("historyLog"));

    m_detailTabs->setObjectName(QStringLiteral("historyDetailTabs"));
    m_detailTabs->setDocumentMode(true);
    m_detailTabs->addTab(m_stagesView, tr("Stage Results"));
    auto *logPage = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logPage);
    logLayout->setContentsMargins(0, 8, 0, 0);
    logLayout->addWidget(m_logPane);
    m_detailTabs->addTab(logPage, tr("Log"));

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 8, 0, 0);
    detailLayout->setSpacing(6);
    detailLayout->addWidget(m_detailTitle);
    detailLayout->addWidget(m_actions->createButtons(detail));
    detailLayout->addWidget(m_detailText);
    detailLayout->addWidget(m_detector);
    detailLayout->addWidget(m_runError);
    detailLayout->addWidget(m_detailTabs, 1);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(6);
    topLayout->addLayout(bar);
    topLayout->addWidget(m_problem);
    topLayout->addWidget(m_runsView, 1);

    m_vertical->setObjectName(QStringLiteral("historySplitter"));
    m_vertical->addWidget(top);
    m_vertical->addWidget(detail);
    m_vertical->setChildrenCollapsible(false);
    m_vertical->setSizes({220, 420});
    restoreSplitterState(m_vertical, kSettings + QStringLiteral("splitter"));
    m_detailTabs->setCurrentIndex(QSettings().value(kSettings + QStringLiteral("detailTab"), 0).toInt());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 14);
    layout->addWidget(m_vertical);

    connect(m_runsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RunHistoryView::selectionChanged);
    connect(m_runsView, &QTableView::activated, this,
            [this](const QModelIndex &index) { loadDetail(index.data(RunHistoryModel::RunIdRole).toLongLong()); });
    showDetail({});
    updateStatusLine();
    applyColors();
}

RunHistoryView::~RunHistoryView()
{
    saveSplitterState(m_vertical, kSettings + QStringLiteral("splitter"));
    QSettings().setValue(kSettings + QStringLiteral("detailTab"), m_detailTabs->currentIndex());
    saveHeaderState(m_runsView, kSettings + QStringLiteral("columns"));
    saveHeaderState(m_stagesView, kSettings + QStringLiteral("stageColumns"));
}

void RunHistoryView::setConninfo(const QString &conninfo)
{
    if (conninfo == m_conninfo)
        return;
    m_conninfo = conninfo;
    m_historyJob.drop();
    m_detailJob.drop();
    m_loading = false;
    m_model->setRuns({});
    showDetail({});
    m_problem->hide();
    if (!m_conninfo.isEmpty())
        refresh();
    updateStatusLine();
}

void RunHistoryView::refresh()
{
    if (m_conninfo.isEmpty()) {
        updateStatusLine();
        return;
    }
    m_loading = true;
    updateStatusLine();
    // A newer refresh, or another database, makes this one stale.
    m_historyJob.run([conninfo = m_conninfo] { return queries::recentRuns(conninfo); },
                     [this](const std::vector<queries::RunSummary> &runs) { showHistory(runs, {}); },
                     [this](const JobFailure &failure) { showHistory({}, failure.text()); });
}

void RunHistoryView::showHistory(const std::vector<queries::RunSummary> &runs, const QString &error)
{
    m_loading = false;
    if (!error.isEmpty()) {
        showProblem(tr("Could not read the run history"), error);
    } else {
        m_problem->hide();
        m_updatedAt = QDateTime::currentDateTime();
        const QModelIndex current = m_runsView->currentIndex();
        const qint64 keep = m_pendingRunId > 0  ? m_pendingRunId
                            : current.isValid() ? current.data(RunHistoryModel::RunIdRole).toLongLong()
                                                : 0;
        m_model->setRuns(runs);
        const int row = keep > 0 ? m_model->rowOf(keep) : -1;
        if (row >= 0)
            m_pendingRunId = 0;
        QModelIndex select = row >= 0 ? m_proxy->mapFromSource(m_model->index(row, 0)) : m_proxy->index(0, 0);
        if (select.isValid()) {
            const QSignalBlocker blocker(m_runsView->selectionModel());
            m_runsView->selectionModel()->setCurrentIndex(select, QItemSelectionModel::ClearAndSelect |
                                                                      QItemSelectionModel::Rows);
            m_runsView->scrollTo(select);
        }
        // Always re-read the open run: it may have moved on since.
        loadDetail(select.isValid() ? select.data(RunHistoryModel::RunIdRole).toLongLong() : 0);
    }
    updateStatusLine();
    Q_EMIT refreshed();
}

void RunHistoryView::openRun(qint64 runId)
{
    const int row = m_model->rowOf(runId);
    if (row < 0) {
        m_pendingRunId = runId;
        refresh();
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_runsView->selectionModel()->setCurrentIndex(index,
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_runsView->scrollTo(index);
    loadDetail(runId);
}

void RunHistoryView::selectionChanged()
{
    const QModelIndex current = m_runsView->currentIndex();
    const qint64 runId = current.isValid() ? current.data(RunHistoryModel::RunIdRole).toLongLong() : 0;
    if (runId != m_openRunId)
        loadDetail(runId);
}

void RunHistoryView::loadDetail(qint64 runId)
{
    if (runId <= 0 || m_conninfo.isEmpty()) {
        m_detailJob.drop();
        showDetail({});
        return;
    }
    m_detailJob.run([conninfo = m_conninfo, runId] { return queries::runDetail(conninfo, runId); },
                    [this, runId](const queries::RunDetail &detail) {
                        showDetail(detail);
                        Q_EMIT detailLoaded(runId);
                    },
                    [this, runId](const JobFailure &failure) {
                        showProblem(tr("Could not read run %1").arg(runId), failure.text());
                    });
}

void RunHistoryView::showDetail(const queries::RunDetail &detail)
{
    const queries::RunSummary &run = detail.run;
    m_openRunId = run.runId;
    m_stageModel->setStages(detail.stages);
    m_logModel->setLines(detail.log);
    m_detector->showQuality(detail.detector);
    if (run.runId <= 0) {
        m_detailStatus.clear();
        applyColors();
        m_detailTitle->setText(tr("No run selected"));
        m_detailText->setText(m_conninfo.isEmpty() ? QString()
                                                   : tr("Choose a run above to see its stages, counts and log."));
        m_runError->hide();
        return;
    }
    m_detailTitle->setText(tr("Run %1 · %2").arg(run.runId).arg(RunText::status(run.status)));
    m_detailStatus = run.status;
    applyColors();
    QStringList facts{RunText::sourceKind(run.sourceKind),
                      tr("%1 by %2").arg(RunText::trigger(run.trigger), run.startedBy),
                      tr("started %1").arg(RunText::dateTime(run.startedAt.isValid() ? run.startedAt : run.queuedAt))};
    if (run.seconds >= 0)
        facts << tr("took %1").arg(RunText::duration(qint64(run.seconds * 1000)));
    if (!run.gateStatus.isEmpty())
        facts << RunText::gate(run.gateStatus);
    if (run.newAnomalies >= 0)
        facts << RunText::newAnomalies(run.newAnomalies);
    if (run.originRunId > 0)
        facts << RunText::origin(run.originHow, run.originRunId);
    QString text = facts.join(QStringLiteral(" · "));
    if (!run.snapshotPath.isEmpty())
        text += QLatin1Char('\n') + tr("Snapshot: %1").arg(run.snapshotPath);
    for (const queries::RunNote &note : detail.notes)
        text += QLatin1Char('\n') + tr("Note · %1").arg(queries::noteLine(note));
    m_detailText->setText(text);
    if (!run.error.isEmpty())
        m_runError->showMessage(Tone::Bad, tr("What went wrong"), RunText::runError(run.error), run.error);
    else
        m_runError->hide();
}

void RunHistoryView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void RunHistoryView::applyColors()
{
    theme::setMutedText(m_status, palette(), QPalette::Window);
    theme::setMutedText(m_detailText, palette(), QPalette::Window);
    QPalette titlePalette = palette();
    if (!m_detailStatus.isEmpty())
        titlePalette.setColor(QPalette::WindowText, toneColor(toneOfStatus(m_detailStatus), palette()));
    m_detailTitle->setPalette(titlePalette);
}

void RunHistoryView::showProblem(const QString &what, const QString &detail)
{
    m_problem->showMessage(
        Tone::Bad, what, tr("The database did not answer as expected. Check the connection and try Refresh."), detail);
}

void RunHistoryView::updateStatusLine()
{
    if (m_conninfo.isEmpty())
        m_status->setText(tr("Not connected: connect to a database to see its runs."));
    else if (m_loading)
        m_status->setText(tr("Loading…"));
    else if (m_model->rowCount() == 0 && m_updatedAt.isValid())
        m_status->setText(tr("No runs yet: start one from the panel on the left."));
    else if (m_updatedAt.isValid()) {
        const QString at = QLocale().toString(m_updatedAt.time(), QLocale::ShortFormat);
        m_status->setText(m_model->rowCount() == 1
                              ? tr("1 run · updated %1").arg(at)
                              : tr("%1 runs · updated %2").arg(RunText::count(m_model->rowCount()), at));
    } else
        m_status->clear();
}

} // namespace ecomops::widgets
