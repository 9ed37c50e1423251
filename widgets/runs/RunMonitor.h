#pragma once
// The live view of the session's run: a status card with elapsed time, rows
// and Cancel; the stage timeline; a row per stage and table; the log; and a
// small throughput chart. After the run it keeps showing how it ended.
#include "runner/RunResult.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace ecomops::widgets {

class EmptyState;
class GlyphBadge;
class InlineMessage;
class RunLogPane;
class RunSession;
class StageTimeline;
class ThroughputChart;

class RunMonitor : public QWidget
{
    Q_OBJECT
public:
    explicit RunMonitor(RunSession *session, QWidget *parent = nullptr);
    ~RunMonitor() override; // saves splitters and columns

    QPushButton *cancelButton() const { return m_cancel; }
    QTableView *progressView() const { return m_progressView; }
    StageTimeline *timeline() const { return m_timeline; }
    ThroughputChart *chart() const { return m_chart; }
    RunLogPane *logPane() const { return m_logPane; }
    InlineMessage *outcome() const { return m_outcome; }
    QString headline() const;
    // The whole run's progress (0…1000) and time left, in the header.
    QProgressBar *runProgress() const { return m_runProgress; }
    QString remainingText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void onStarted();
    void onFinished(const runner::RunResult &result);
    void onCancelRequested();
    void tick();
    void updateHeadline();
    void applyColors();

    RunSession *m_session;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QWidget *m_card;
    GlyphBadge *m_badge;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_elapsed;
    QLabel *m_rows;
    QLabel *m_quarantined;
    QLabel *m_remaining;
    QProgressBar *m_runProgress;
    QList<QLabel *> m_captions;
    QPushButton *m_cancel;
    InlineMessage *m_outcome;
    StageTimeline *m_timeline;
    QTableView *m_progressView;
    RunLogPane *m_logPane;
    ThroughputChart *m_chart;
    QSplitter *m_vertical;
    QSplitter *m_bottom;
    QTimer *m_ticker;
};

} // namespace ecomops::widgets
