#pragma once
#include <QStringList>

namespace ecomops::app {

// `ecomops source seed [--scale N] [--seed S] [--schema NAME] [--conninfo STRING | --data-dir DIR]`:
// creates the synthetic shop's tables in a source OLTP database, to be
// imported with `ecomops run --source sourcedb --option conninfo=…`.
int runSourceCommand(const QStringList &arguments);

} // namespace ecomops::app
