#pragma once
// Runs: start pipeline runs and watch them load, live.
#include "common/WorkspacePage.h"

namespace ecomops::widgets {

class RunsPage : public WorkspacePage
{
    Q_OBJECT
public:
    explicit RunsPage(ConnectionController *connection, QWidget *parent = nullptr);
};

} // namespace ecomops::widgets
