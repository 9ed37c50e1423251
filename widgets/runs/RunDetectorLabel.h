#pragma once
// One line of the Runs workspace's run detail: what the run measured of its
// detector (ops.pipeline_run.summary -> 'detector', read by
// queries::runDetail): flags per 1,000 lines, its ratio to the usual rate of
// the same source, and precision/recall when the snapshot had planted truth.
// Hidden for runs that did not detect.
#include "anomalies/DetectorQuality.h"

#include <QLabel>

#include <optional>

namespace ecomops::widgets {

class RunDetectorLabel : public QLabel
{
    Q_OBJECT
public:
    explicit RunDetectorLabel(QWidget *parent = nullptr);
    void showQuality(const std::optional<anomalies::DetectorQuality> &quality);

    // "Detector: 4.1 flags per 1,000 lines (12 of 2,934) · 1.1× the usual
    // 3.9 of this source · precision 1.00, recall 0.96 (25 of 26 planted lines)"
    static QString describe(const anomalies::DetectorQuality &quality);
};

} // namespace ecomops::widgets
