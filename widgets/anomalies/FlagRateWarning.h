#pragma once
// The Anomalies workspace's warning when the newest run raised far more flags
// than the usual for its source (anomalies::DetectorQuality::unusuallyHigh:
// at least 5× the median rate of the source's last 10 runs, and at least 1
// flag per 1,000 lines): a steward facing a flood should first check the
// detector settings or the source, not triage it line by line. Reads
// queries::latestDetector off the GUI thread when the connection changes and
// whenever its parent is shown (a run may have finished meanwhile).
#include "common/InlineMessage.h"
#include "common/JobTracker.h"

namespace ecomops::widgets {

class ConnectionController;

class FlagRateWarning : public InlineMessage
{
    Q_OBJECT
public:
    explicit FlagRateWarning(ConnectionController *connection, QWidget *parent = nullptr);
    void refresh();

signals:
    void checked(); // a reading arrived (shown or hidden): for tests

protected:
    bool eventFilter(QObject *watched, QEvent *event) override; // the parent shown: read again

private:
    ConnectionController *m_connection;
    JobTracker m_job{this};
    qint64 m_shownRun = 0;  // the run the warning is about
    qint64 m_closedRun = 0; // the steward closed the warning about this run
};

} // namespace ecomops::widgets
