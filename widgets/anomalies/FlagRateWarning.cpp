#include "anomalies/FlagRateWarning.h"

#include "connection/ConnectionController.h"
#include "queries/RunQueries.h"

#include <QEvent>
#include <QLocale>

namespace ecomops::widgets {

FlagRateWarning::FlagRateWarning(ConnectionController *connection, QWidget *parent)
    : InlineMessage(parent), m_connection(connection)
{
    setObjectName(QStringLiteral("flagRateWarning"));
    hide();
    connect(connection, &ConnectionController::statusChanged, this, &FlagRateWarning::refresh);
    connect(this, &InlineMessage::closed, this, [this] { m_closedRun = m_shownRun; });
    if (parent)
        parent->installEventFilter(this);
    refresh();
}

bool FlagRateWarning::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Show)
        refresh();
    return InlineMessage::eventFilter(watched, event);
}

void FlagRateWarning::refresh()
{
    if (!m_connection->isConnected()) {
        m_job.drop();
        hide();
        return;
    }
    m_job.run([conninfo = m_connection->effectiveConninfo()] { return queries::latestDetector(conninfo); },
              [this](const queries::LatestDetector &latest) {
                  const anomalies::DetectorQuality &q = latest.quality;
                  m_shownRun = latest.runId;
                  if (latest.runId == 0 || !q.unusuallyHigh() || latest.runId == m_closedRun) {
                      hide();
                  } else {
                      const QLocale locale;
                      showMessage(Tone::Warning,
                                  tr("This run raised %1× the usual number of flags — check the detector settings "
                                     "or the source")
                                      .arg(locale.toString(*q.ratioToUsual(), 'f', 0)),
                                  tr("Run %1 flagged %2 of every 1,000 lines; the usual for this source is %3.")
                                      .arg(latest.runId)
                                      .arg(locale.toString(q.flagsPerThousand(), 'f', 1),
                                           locale.toString(*q.usualPerThousand, 'f', 1)));
                  }
                  emit checked();
              },
              [this](const JobFailure &) {
                  hide(); // the flag list reports connection trouble; this is an extra
                  emit checked();
              });
}

} // namespace ecomops::widgets
