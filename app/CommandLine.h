#pragma once
#include <QStringList>

namespace ecomops::app {

// True when the arguments ask for a headless command (db, run, runs, …)
// rather than the window.
bool isHeadlessCommand(const QStringList &arguments);

// Runs a headless command; returns the process exit code.
int runHeadless(const QStringList &arguments);

QString usage();

// The known command closest to a mistyped word ("statu" → "db status"), or
// empty when none is close.
QString closestCommand(const QString &word);

} // namespace ecomops::app
