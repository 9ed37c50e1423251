#pragma once
#include <QStringList>

namespace ecomops::app {

// `ecomops db init|start|stop|status|uri|migrate` — see usage().
int runDbCommand(const QStringList &arguments);

} // namespace ecomops::app
