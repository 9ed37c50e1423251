#include "runs/RunEstimate.h"

#include "runs/RunProgressModel.h"
#include "runs/RunText.h"

#include <algorithm>
#include <array>

namespace ecomops::widgets {
namespace {

// Shares of a run's time per step: the mean of two scale-0.1 synthetic runs
// started from the window (tst_screenshots, 1.5 % and 0 % defects), whose
// timelines read 0.43 / 0.73 / 2.0 / 5.8 / 0.07 / 1.4 s and
// 0.66 / 0.71 / 2.6 / 4.6 / 0.14 / 2.8 s. A guess for other runs, refined by
// the current step's own rows.
constexpr std::array<double, runStepCount> kWeights = {0.05, 0.07, 0.21, 0.48, 0.01, 0.18};

// Before this share is done an estimate would swing too much to be useful.
constexpr double kMinimumFractionForEta = 0.03;

} // namespace

double stepWeight(int step)
{
    return step >= 0 && step < runStepCount ? kWeights[std::size_t(step)] : 0.0;
}

RunEstimate estimateRun(const RunProgressModel &model, int currentStep, qint64 elapsedMs)
{
    RunEstimate estimate;
    if (currentStep < 0)
        return estimate;
    double done = 0;
    for (int step = 0; step < std::min(currentStep, runStepCount); ++step)
        done += stepWeight(step);
    // The current step: the mean fraction of its tables (a table whose total
    // is unknown counts as half-way while it runs).
    double sum = 0;
    int tables = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        const RunProgressModel::Row &row = model.row(r);
        if (runStepOf(row.stage) != currentStep)
            continue;
        const double f = row.fraction();
        sum += f >= 0 ? f : 0.5;
        ++tables;
    }
    if (tables > 0)
        done += stepWeight(currentStep) * sum / tables;
    estimate.fraction = std::clamp(done, 0.0, 1.0);
    if (estimate.fraction >= kMinimumFractionForEta && elapsedMs > 0)
        estimate.remainingMs = qint64(double(elapsedMs) * (1.0 - estimate.fraction) / estimate.fraction);
    return estimate;
}

} // namespace ecomops::widgets
