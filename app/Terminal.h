#pragma once
// Writing to the terminal from the headless commands: stdout for results
// (so `psql "$(ecomops db uri)"` works), stderr for messages.
#include <QString>

namespace ecomops::app {

void out(const QString &text); // a line on stdout
void err(const QString &text); // a line on stderr
bool stdoutIsTerminal();
bool stderrIsTerminal();

// Exit codes of every headless command; documented in README.md.
enum ExitCode : int {
    ExitSuccess = 0,
    ExitFailed = 1,
    ExitBadArguments = 2,
    ExitGateFailed = 3,
    ExitCancelled = 4,
    ExitNotRunning = 5, // `db status` of a cluster that is not running
};

} // namespace ecomops::app
