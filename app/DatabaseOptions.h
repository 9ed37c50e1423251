#pragma once
// The options every headless command uses to find its database:
// --conninfo (or ECOMOPS_CONNINFO) for any server, else the embedded
// cluster (--data-dir), started and migrated when needed.
#include <QCommandLineOption>
#include <QCommandLineParser>

namespace ecomops::app {

struct DatabaseOptions {
    QCommandLineOption conninfo{QStringLiteral("conninfo"),
                                QStringLiteral("libpq connection string or URI (default: the embedded database)."),
                                QStringLiteral("STRING")};
    QCommandLineOption dataDir{QStringLiteral("data-dir"), QStringLiteral("Embedded cluster data directory."),
                               QStringLiteral("DIR")};

    void addTo(QCommandLineParser &parser) const { parser.addOptions({conninfo, dataDir}); }
    // Throws on failure (ClusterError, pqxx errors) with a message in words.
    QString resolve(const QCommandLineParser &parser) const;
};

} // namespace ecomops::app
