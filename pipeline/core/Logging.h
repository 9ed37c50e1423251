#pragma once
// One logging category per area of the engine, so a user can turn on
// exactly the detail they need: QT_LOGGING_RULES="ecomops.pipeline.load.debug=true".
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDatabase)
Q_DECLARE_LOGGING_CATEGORY(lcCluster)
Q_DECLARE_LOGGING_CATEGORY(lcMigrate)
Q_DECLARE_LOGGING_CATEGORY(lcRunner)
Q_DECLARE_LOGGING_CATEGORY(lcLoad)
Q_DECLARE_LOGGING_CATEGORY(lcSource)
