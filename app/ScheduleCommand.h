#pragma once
#include <QStringList>

namespace ecomops::app {

// `ecomops schedule add|list|remove|run-now` — see the usage in ScheduleCommand.cpp.
int runScheduleCommand(const QStringList &arguments);

} // namespace ecomops::app
