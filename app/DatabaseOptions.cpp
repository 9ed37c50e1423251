#include "DatabaseOptions.h"

#include "database/ConnectionProfile.h"
#include "database/EmbeddedCluster.h"

#include <stdexcept>

namespace ecomops::app {

QString DatabaseOptions::resolve(const QCommandLineParser &parser) const
{
    if (parser.isSet(conninfo)) {
        if (db::hasPassword(parser.value(conninfo)))
            throw std::invalid_argument("--conninfo: " + db::passwordOnCommandLineAdvice().toStdString());
        return parser.value(conninfo);
    }
    const QString fromEnv = qEnvironmentVariable("ECOMOPS_CONNINFO");
    if (!fromEnv.isEmpty())
        return fromEnv;
    db::EmbeddedCluster cluster(parser.value(dataDir));
    cluster.start(); // no-op when running; migrates
    return cluster.connectionUri();
}

} // namespace ecomops::app
