#include "core/Logging.h"

Q_LOGGING_CATEGORY(lcDatabase, "ecomops.pipeline.database", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCluster, "ecomops.pipeline.cluster", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMigrate, "ecomops.pipeline.migrate", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRunner, "ecomops.pipeline.runner", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLoad, "ecomops.pipeline.load", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSource, "ecomops.pipeline.source", QtInfoMsg)
