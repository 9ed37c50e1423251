#pragma once
// source → load → validate → transform → detect → marts as a row of connected steps: done steps
// ticked with their duration, the current one highlighted, a failed or
// cancelled one marked where the run stopped.
#include "runs/RunText.h"

#include <QElapsedTimer>
#include <QWidget>

#include <array>

namespace ecomops::widgets {

class StageTimeline : public QWidget
{
    Q_OBJECT
public:
    enum class StepState { Pending, Active, Done, Failed, Cancelled };

    explicit StageTimeline(QWidget *parent = nullptr);

    StepState stepState(RunStep step) const { return m_steps[std::size_t(step)].state; }
    int currentStep() const { return m_current; } // -1 before the run starts

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void reset();
    void start();
    // An engine stage reported activity (progress or a log line).
    void stageSeen(const QString &engineStage);
    void finish(ecomops::runner::RunStatus status);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Step {
        StepState state = StepState::Pending;
        qint64 startedMs = -1;
        qint64 durationMs = -1;
    };
    void advanceTo(int step);
    void updateAccessibleText();

    std::array<Step, runStepCount> m_steps{};
    int m_current = -1;
    bool m_over = false;
    QElapsedTimer m_clock;
};

} // namespace ecomops::widgets
