#pragma once
// KPIs: revenue, products, customers and forecasts from the marts.
#include "common/WorkspacePage.h"

namespace ecomops::widgets {

class KpisPage : public WorkspacePage
{
    Q_OBJECT
public:
    explicit KpisPage(ConnectionController *connection, QWidget *parent = nullptr);
};

} // namespace ecomops::widgets
