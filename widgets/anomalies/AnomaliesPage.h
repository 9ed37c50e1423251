#pragma once
// Anomalies: triage order lines with outsized quantities.
#include "common/WorkspacePage.h"

namespace ecomops::widgets {

class AnomaliesPage : public WorkspacePage
{
    Q_OBJECT
public:
    explicit AnomaliesPage(ConnectionController *connection, QWidget *parent = nullptr);
};

} // namespace ecomops::widgets
