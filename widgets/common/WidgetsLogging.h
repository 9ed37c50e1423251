#pragma once
// Logging categories of the console's widgets, e.g.
// QT_LOGGING_RULES="ecomops.console.connection.debug=true".
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcConsoleConnection)
Q_DECLARE_LOGGING_CATEGORY(lcConsoleWindow)
