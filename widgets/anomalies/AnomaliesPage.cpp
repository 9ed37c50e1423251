#include "anomalies/AnomaliesPage.h"

#include "common/EmptyState.h"

namespace ecomops::widgets {

AnomaliesPage::AnomaliesPage(ConnectionController *connection, QWidget *parent)
    : WorkspacePage(Workspace::Anomalies, connection, parent)
{
    emptyState()->setTitle(tr("No anomalies to triage"));
    emptyState()->setText(tr("Order lines whose quantity stands far above their product's usual baseline will be "
                             "listed here for data stewards to review."));
    emptyState()->setUpcoming(tr("What will appear here"),
                              {tr("Flagged lines with their z-score against the product's median and spread"),
                               tr("Triage from New to Reviewed to Resolved, or False positive, with notes"),
                               tr("A full audit trail of who changed what, and live updates from other consoles")});
}

} // namespace ecomops::widgets
