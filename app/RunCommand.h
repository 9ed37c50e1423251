#pragma once
#include <QStringList>

namespace ecomops::app {

// `ecomops run …` and `ecomops runs list` — see usage().
int runRunCommand(const QStringList &arguments);
int runRunsCommand(const QStringList &arguments);

} // namespace ecomops::app
