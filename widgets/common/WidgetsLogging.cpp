#include "common/WidgetsLogging.h"

Q_LOGGING_CATEGORY(lcConsoleConnection, "ecomops.console.connection", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConsoleWindow, "ecomops.console.window", QtInfoMsg)
