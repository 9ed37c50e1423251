#include "DatabaseOptions.h"

#include "database/EmbeddedCluster.h"

namespace ecomops::app {

QString DatabaseOptions::resolve(const QCommandLineParser &parser) const
{
    if (parser.isSet(conninfo))
        return parser.value(conninfo);
    const QString fromEnv = qEnvironmentVariable("ECOMOPS_CONNINFO");
    if (!fromEnv.isEmpty())
        return fromEnv;
    db::EmbeddedCluster cluster(parser.value(dataDir));
    cluster.start(); // no-op when running; migrates
    return cluster.connectionUri();
}

} // namespace ecomops::app
