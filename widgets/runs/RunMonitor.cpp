#include "runs/RunMonitor.h"

#include "common/EmptyState.h"
#include "common/InlineMessage.h"
#include "common/ScoreText.h"
#include "common/StatusPillDelegate.h"
#include "common/Theme.h"
#include "runs/RunDelegates.h"
#include "runs/RunEstimate.h"
#include "runs/RunLogModel.h"
#include "runs/RunLogPane.h"
#include "runs/RunProgressModel.h"
#include "runs/RunSession.h"
#include "runs/RunText.h"
#include "runs/RunViews.h"
#include "runs/StageTimeline.h"
#include "runs/ThroughputChart.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ecomops::widgets {
namespace {

const QString kSettings = QStringLiteral("runs/monitor/");

class Card : public QWidget
{
public:
    using QWidget::QWidget;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(theme::separator(palette()), 1));
        p.setBrush(palette().color(QPalette::AlternateBase));
        p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 10, 10);
    }
};

} // namespace

RunMonitor::RunMonitor(RunSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_stack(new QStackedWidget(this)), m_empty(new EmptyState(this)),
      m_card(new Card(this)), m_badge(new GlyphBadge(40, m_card)), m_title(new QLabel(m_card)),
      m_subtitle(new QLabel(m_card)), m_elapsed(new QLabel(m_card)), m_rows(new QLabel(m_card)),
      m_quarantined(new QLabel(m_card)), m_remaining(new QLabel(m_card)), m_runProgress(new QProgressBar(m_card)),
      m_cancel(new QPushButton(tr("Ca&ncel Run"), m_card)), m_outcome(new InlineMessage(this)),
      m_timeline(new StageTimeline(this)), m_progressView(new QTableView(this)),
      m_logPane(new RunLogPane(session->logModel(), kSettings + QStringLiteral("log"), this)),
      m_chart(new ThroughputChart(this)), m_vertical(new QSplitter(Qt::Vertical, this)),
      m_bottom(new QSplitter(Qt::Horizontal, this)), m_ticker(new QTimer(this))
{
    m_empty->setTitle(tr("No run in progress"));
    m_empty->setText(tr("Start a run from the panel on the left. The defaults generate a small synthetic shop and load "
                        "it in a few seconds; you will see every table move here, live."));

    // The status card: what runs, for how long, how far, and Cancel.
    m_title->setObjectName(QStringLiteral("runTitle"));
    m_subtitle->setObjectName(QStringLiteral("runSubtitle"));
    // Two lines (what runs; how it ended), clipped rather than pushing the metrics away.
    m_subtitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_subtitle->setMinimumWidth(120);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Stop the run within a second; the warehouse is left exactly as it was before it"));
    m_cancel->setAutoDefault(false);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    m_runProgress->setObjectName(QStringLiteral("runProgress"));
    m_runProgress->setRange(0, 1000);
    m_runProgress->setTextVisible(false);
    m_runProgress->setMaximumHeight(6);
    m_runProgress->setAccessibleName(tr("Progress of the whole run"));
    titles->addWidget(m_runProgress);
    auto *cardLayout = new QHBoxLayout(m_card);
    cardLayout->setContentsMargins(16, 12, 16, 12);
    cardLayout->setSpacing(14);
    cardLayout->addWidget(m_badge, 0, Qt::AlignVCenter);
    cardLayout->addLayout(titles, 1);
    const std::pair<QLabel *, QString> metrics[] = {{m_elapsed, tr("Elapsed")},
                                                    {m_remaining, tr("Remaining")},
                                                    {m_rows, tr("Rows loaded")},
                                                    {m_quarantined, tr("Quarantined")}};
    for (const auto &[value, caption] : metrics) {
        auto *column = new QVBoxLayout;
        column->setSpacing(0);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        value->setMinimumWidth(value->fontMetrics().horizontalAdvance(QStringLiteral("0,000,000")) + 12);
        auto *captionLabel = new QLabel(caption, m_card);
        captionLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_captions << captionLabel;
        column->addWidget(value);
        column->addWidget(captionLabel);
        cardLayout->addLayout(column);
    }
    m_elapsed->setObjectName(QStringLiteral("elapsedValue"));
    m_rows->setObjectName(QStringLiteral("rowsValue"));
    m_quarantined->setObjectName(QStringLiteral("quarantinedValue"));
    m_remaining->setObjectName(QStringLiteral("remainingValue"));
    cardLayout->addSpacing(4);
    cardLayout->addWidget(m_cancel, 0, Qt::AlignVCenter);

    // Per stage and table.
    m_progressView->setObjectName(QStringLiteral("progressView"));
    m_progressView->setModel(session->progressModel());
    setUpRunTable(m_progressView);
    m_progressView->setAccessibleName(tr("Progress per table"));
    m_progressView->setItemDelegateForColumn(
        RunProgressModel::ProgressColumn,
        new ProgressBarDelegate(RunProgressModel::FractionRole, RunProgressModel::ToneRole, m_progressView));
    m_progressView->setItemDelegateForColumn(RunProgressModel::StateColumn,
                                             new StatusPillDelegate(RunProgressModel::ToneRole, m_progressView));
    const int widths[RunProgressModel::ColumnCount] = {74, 150, 150, 130, 72, 56, 90, 96};
    for (int c = 0; c < RunProgressModel::ColumnCount; ++c)
        m_progressView->setColumnWidth(c, widths[c]);
    // Fixed widths (the last column takes the slack): at 1280 pixels the
    // table scrolls sideways rather than shrinking the bars to dots.
    restoreHeaderState(m_progressView, kSettings + QStringLiteral("columns"));

    m_chart->setObjectName(QStringLiteral("throughputChart"));
    m_logPane->setObjectName(QStringLiteral("liveLog"));
    m_bottom->setObjectName(QStringLiteral("monitorBottomSplitter"));
    m_bottom->addWidget(m_logPane);
    m_bottom->addWidget(m_chart);
    m_bottom->setStretchFactor(0, 3);
    m_bottom->setStretchFactor(1, 2);
    m_bottom->setChildrenCollapsible(false);
    m_vertical->setObjectName(QStringLiteral("monitorSplitter"));
    m_vertical->addWidget(m_progressView);
    m_vertical->addWidget(m_bottom);
    m_vertical->setStretchFactor(0, 3);
    m_vertical->setStretchFactor(1, 2);
    m_vertical->setChildrenCollapsible(false);
    restoreSplitterState(m_vertical, kSettings + QStringLiteral("splitter"));
    restoreSplitterState(m_bottom, kSettings + QStringLiteral("logAndChart"));

    auto *live = new QWidget(this);
    auto *liveLayout = new QVBoxLayout(live);
    liveLayout->setContentsMargins(16, 14, 16, 14);
    liveLayout->setSpacing(10);
    liveLayout->addWidget(m_card);
    liveLayout->addWidget(m_outcome);
    liveLayout->addWidget(m_timeline);
    liveLayout->addWidget(m_vertical, 1);
    m_outcome->setObjectName(QStringLiteral("runOutcome"));
    m_outcome->setClosable(false);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(live);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_ticker->setInterval(500);
    connect(m_ticker, &QTimer::timeout, this, &RunMonitor::tick);
    connect(session, &RunSession::started, this, &RunMonitor::onStarted);
    connect(session, &RunSession::runCreated, this, &RunMonitor::updateHeadline);
    // A new table (often a new stage) shows in the card at once, not at the next tick.
    connect(session->progressModel(), &QAbstractItemModel::rowsInserted, this, &RunMonitor::updateHeadline);
    connect(session, &RunSession::stageSeen, m_timeline, &StageTimeline::stageSeen);
    connect(session, &RunSession::cancelRequested, this, &RunMonitor::onCancelRequested);
    connect(session, &RunSession::finished, this, &RunMonitor::onFinished);
    connect(m_cancel, &QPushButton::clicked, session, &RunSession::cancel);
    applyColors();
    updateHeadline();
}

RunMonitor::~RunMonitor()
{
    saveSplitterState(m_vertical, kSettings + QStringLiteral("splitter"));
    saveSplitterState(m_bottom, kSettings + QStringLiteral("logAndChart"));
    saveHeaderState(m_progressView, kSettings + QStringLiteral("columns"));
}

QString RunMonitor::headline() const
{
    return m_title->text();
}

QString RunMonitor::remainingText() const
{
    return m_remaining->text();
}

void RunMonitor::onStarted()
{
    m_stack->setCurrentIndex(1);
    m_outcome->hide();
    m_timeline->start();
    m_chart->clear();
    m_chart->sample(0);
    m_cancel->setText(tr("Ca&ncel Run"));
    m_cancel->setEnabled(true);
    m_cancel->show();
    m_ticker->start();
    updateHeadline();
}

void RunMonitor::onCancelRequested()
{
    m_cancel->setEnabled(false);
    m_cancel->setText(tr("Cancelling…"));
    updateHeadline();
}

void RunMonitor::onFinished(const runner::RunResult &result)
{
    m_ticker->stop();
    tick();
    m_timeline->finish(result.status);
    m_cancel->hide();
    if (result.status == runner::RunStatus::Failed && result.gateStatus == QLatin1String("failed")) {
        m_outcome->showMessage(Tone::Bad, RunText::gate(result.gateStatus),
                               tr("Nothing was published: the data did not reach the quality gate.") +
                                   QLatin1Char('\n') + result.gateMessages.join(QLatin1Char('\n')),
                               result.error);
    } else if (result.status == runner::RunStatus::Failed) {
        QString details = result.error;
        const QString problems = m_session->logModel()->toPlainText(LogLevel::Warning);
        if (!problems.isEmpty())
            details += QStringLiteral("\n\n") + tr("Warnings and errors in the log:") + QLatin1Char('\n') + problems;
        m_outcome->showMessage(Tone::Bad, tr("What went wrong"), RunText::runError(result.error), details);
    } else if (result.status == runner::RunStatus::Cancelled) {
        m_outcome->showMessage(
            Tone::Warning, tr("Cancelled"),
            tr("The run was stopped and its changes were undone: the warehouse is as it was before."));
    } else if (!result.gateMessages.isEmpty()) {
        m_outcome->showMessage(result.gateStatus == QLatin1String("failed") ? Tone::Bad : Tone::Warning,
                               RunText::gate(result.gateStatus), result.gateMessages.join(QLatin1Char('\n')));
    } else {
        m_outcome->hide();
    }
    updateHeadline();
}

void RunMonitor::tick()
{
    m_chart->sample(m_session->progressModel()->totalRowsDone());
    updateHeadline();
}

void RunMonitor::updateHeadline()
{
    const RunProgressModel *model = m_session->progressModel();
    qint64 loaded = 0;
    qint64 quarantined = 0;
    for (int r = 0; r < model->rowCount(); ++r) {
        const RunProgressModel::Row &row = model->row(r);
        if (row.stage == QLatin1String("load")) {
            loaded += row.rowsDone - std::max<qint64>(0, row.quarantined);
            quarantined += std::max<qint64>(0, row.quarantined);
        }
    }
    const auto &result = m_session->lastResult();
    const bool active = m_session->isActive();
    QString loadedText = RunText::count(loaded);
    if (!active && result) {
        loaded = result->rowsLoaded;
        quarantined = result->rowsQuarantined + result->rowsRejected;
        loadedText = RunText::count(loaded);
        // Of the rows read (empty records aside), the share that reached the
        // warehouse: a count never goes without its denominator.
        const qint64 counted = result->rowsRead - result->rowsSkipped;
        if (result->published && counted > 0)
            loadedText = tr("%1 of %2 (%3 %)")
                             .arg(RunText::count(loaded), RunText::count(counted))
                             .arg(100.0 * double(loaded) / double(counted), 0, 'f', 1);
    }
    m_elapsed->setText(RunText::duration(!active && result ? qint64(result->seconds * 1000) : m_session->elapsedMs()));
    // Every step counts, not only the load: the bar and the time left run to the end.
    const RunEstimate estimate = estimateRun(*model, m_timeline->currentStep(), m_session->elapsedMs());
    m_runProgress->setValue(active                                                     ? int(estimate.fraction * 1000)
                            : result && result->status == runner::RunStatus::Succeeded ? 1000
                                                                                       : m_runProgress->value());
    // Time left means something only while the run goes.
    m_remaining->setVisible(active);
    m_captions.at(1)->setVisible(active);
    m_remaining->setText(active && estimate.remainingMs >= 0
                             ? tr("about %1").arg(RunText::duration(estimate.remainingMs))
                             : QStringLiteral("—"));
    m_rows->setText(loadedText);
    m_quarantined->setText(RunText::count(quarantined));

    const QString runName = m_session->runId() > 0 ? tr("Run %1").arg(m_session->runId()) : tr("New run");
    const QString started = QLocale().toString(m_session->startedAt().time(), QLocale::ShortFormat);
    Tone tone = Tone::Active;
    if (active) {
        m_title->setText(m_session->isCancelling() ? tr("%1 is being cancelled…").arg(runName)
                                                   : tr("%1 is running").arg(runName));
        // Tables to load: those the source produced, or those the load has started.
        int sourceTables = 0;
        int loadTables = 0;
        int loadedTables = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            const RunProgressModel::Row &row = model->row(r);
            if (row.stage == QLatin1String("source") && !row.table.isEmpty())
                ++sourceTables;
            if (row.stage == QLatin1String("load")) {
                ++loadTables;
                loadedTables += row.state == TableState::Succeeded ? 1 : 0;
            }
        }
        const int tables = loadTables > 0 ? std::max(sourceTables, loadTables) : 0;
        const int step = m_timeline->currentStep();
        QString now = step >= 0 ? tr("Now: %1").arg(RunText::step(RunStep(step))) : tr("Starting…");
        if (tables > 0)
            now += QStringLiteral(" · ") + tr("%1 of %2 tables loaded").arg(loadedTables).arg(tables);
        m_subtitle->setText(
            tr("%1 · started %2 by %3")
                .arg(RunText::sourceDescription(m_session->spec()), started, m_session->spec().startedBy) +
            QLatin1Char('\n') + now);
        if (m_session->isCancelling())
            tone = Tone::Warning;
    } else if (result) {
        tone = toneOf(result->status);
        switch (result->status) {
        case runner::RunStatus::Succeeded:
            m_title->setText(tr("%1 succeeded").arg(runName));
            break;
        case runner::RunStatus::Failed:
            m_title->setText(tr("%1 failed").arg(runName));
            break;
        case runner::RunStatus::Cancelled:
            m_title->setText(tr("%1 was cancelled").arg(runName));
            break;
        default:
            m_title->setText(runName);
            break;
        }
        QStringList outcome{tr("took %1").arg(RunText::duration(qint64(result->seconds * 1000)))};
        if (result->status == runner::RunStatus::Succeeded) {
            outcome << RunText::newAnomalies(result->newAnomalies);
            if (result->qualityOverall >= 0)
                outcome << tr("quality score %1").arg(scoreText(result->qualityOverall));
            if (!result->gateStatus.isEmpty())
                outcome << RunText::gate(result->gateStatus);
        }
        m_subtitle->setText(
            tr("%1 · started %2 by %3")
                .arg(RunText::sourceDescription(m_session->spec()), started, m_session->spec().startedBy) +
            QLatin1Char('\n') + outcome.join(QStringLiteral(" · ")));
    }
    m_badge->setGlyph(icons::Glyph::Runs, toneColor(tone, palette()));
    QPalette titlePalette = palette();
    titlePalette.setColor(QPalette::WindowText,
                          active ? palette().color(QPalette::WindowText) : toneColor(tone, palette()));
    m_title->setPalette(titlePalette);
    QPalette quarantinePalette = palette();
    quarantinePalette.setColor(QPalette::WindowText, quarantined > 0 ? toneColor(Tone::Warning, palette())
                                                                     : palette().color(QPalette::WindowText));
    m_quarantined->setPalette(quarantinePalette);
}

void RunMonitor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyColors();
        updateHeadline();
    }
}

void RunMonitor::applyColors()
{
    m_empty->setGlyph(icons::Glyph::Runs, toneColor(Tone::Active, palette()));
    m_title->setFont(theme::scaledFont(font(), 1.3, QFont::DemiBold));
    theme::setMutedText(m_subtitle, palette(), QPalette::AlternateBase);
    for (QLabel *value : {m_elapsed, m_remaining, m_rows, m_quarantined})
        value->setFont(theme::scaledFont(font(), 1.3, QFont::DemiBold));
    for (QLabel *caption : std::as_const(m_captions)) {
        caption->setFont(theme::scaledFont(font(), 0.85));
        theme::setMutedText(caption, palette(), QPalette::AlternateBase);
    }
}

} // namespace ecomops::widgets
