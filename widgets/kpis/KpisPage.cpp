#include "kpis/KpisPage.h"

#include "common/EmptyState.h"

namespace ecomops::widgets {

KpisPage::KpisPage(ConnectionController *connection, QWidget *parent)
    : WorkspacePage(Workspace::Kpis, connection, parent)
{
    emptyState()->setTitle(tr("No KPIs to show yet"));
    emptyState()->setText(tr("The warehouse's key figures will be here for analysts, read from the mart views "
                             "once a run has loaded data."));
    emptyState()->setUpcoming(tr("What will appear here"),
                              {tr("Revenue trends by month, channel and customer segment"),
                               tr("Top products and categories, and sales by country"),
                               tr("Customer cohorts, lifetime value and a revenue forecast")});
}

} // namespace ecomops::widgets
