#include "quality/QualityPage.h"

#include "common/EmptyState.h"

namespace ecomops::widgets {

QualityPage::QualityPage(ConnectionController *connection, QWidget *parent)
    : WorkspacePage(Workspace::Quality, connection, parent)
{
    emptyState()->setTitle(tr("No quality scores yet"));
    emptyState()->setText(tr("Once a run has validated its data, its scorecard appears here: every table scored "
                             "from 0 to 100 on eight dimensions, against the thresholds that gate a run."));
    emptyState()->setUpcoming(
        tr("What will appear here"),
        {tr("Completeness, validity, consistency, timeliness, uniqueness, accuracy, conformity and integrity"),
         tr("Thresholds and pass or fail per table, and trends across runs"),
         tr("Each failed rule with the rows it names, and the quarantined rows with their reasons")});
}

} // namespace ecomops::widgets
