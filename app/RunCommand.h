#pragma once
#include "runner/RunSpec.h"

#include <QStringList>

namespace ecomops::app {

// `ecomops run …` and `ecomops runs list|show|note|rerun|retry` — see usage().
int runRunCommand(const QStringList &arguments);
int runRunsCommand(const QStringList &arguments);
// What `ecomops run` would say of these arguments, without running: an error
// on stderr and ExitBadArguments, or ExitSuccess (used by `schedule add`).
int checkRunArguments(const QStringList &arguments);

// Runs `spec` headless as `ecomops run` does (progress on stderr, Ctrl-C
// cancels), prints its summary (as JSON with `json`) and returns the exit code.
int executeRun(const QString &conninfo, const runner::RunSpec &spec, bool json);

} // namespace ecomops::app
