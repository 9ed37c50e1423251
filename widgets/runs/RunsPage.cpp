#include "runs/RunsPage.h"

#include "common/EmptyState.h"

namespace ecomops::widgets {

RunsPage::RunsPage(ConnectionController *connection, QWidget *parent)
    : WorkspacePage(Workspace::Runs, connection, parent)
{
    emptyState()->setTitle(tr("No pipeline runs to show yet"));
    emptyState()->setText(tr("This is where operators start a run and watch it load, live. Runs started here, and "
                             "scheduled runs from the command line, will be listed with their progress and outcome."));
    emptyState()->setUpcoming(
        tr("What will appear here"),
        {tr("Every run: its source, snapshot, start time, duration and outcome"),
         tr("Live progress per stage and table: rows done, rows expected, rows per second"),
         tr("Rows read, loaded and quarantined for every table, always adding up"),
         tr("Manual runs from a synthetic shop, an Olist CSV folder, a transaction log or a source database, "
            "which you can cancel safely")});
}

} // namespace ecomops::widgets
