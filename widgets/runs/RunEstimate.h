#pragma once
// How far the whole run is and how long it has left, for the monitor's
// header: every step counts (the load is only a part of a run), each by the
// share of a run's time it usually takes, the current step by its rows done.
#include <QtGlobal>

namespace ecomops::widgets {

class RunProgressModel;

struct RunEstimate {
    double fraction = 0;     // 0…1 of the whole run
    qint64 remainingMs = -1; // -1 until there is enough to estimate from
};

// `currentStep` as StageTimeline::currentStep(); `elapsedMs` since the start.
RunEstimate estimateRun(const RunProgressModel &model, int currentStep, qint64 elapsedMs);
// The share of a run's time a step takes (the weights sum to 1).
double stepWeight(int step);

} // namespace ecomops::widgets
