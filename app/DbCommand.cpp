#include "DbCommand.h"

#include "CommandLine.h"
#include "Terminal.h"

#include "database/ConnectionProfile.h"
#include "database/EmbeddedCluster.h"
#include "database/Migrator.h"

#include <QCommandLineParser>

#include <pqxx/pqxx>

namespace ecomops::app {
namespace {

using db::EmbeddedCluster;

void recreateTemplate(EmbeddedCluster &cluster, const QString &name)
{
    // A template is rebuilt on every start so it always carries exactly the
    // migrations of this build; test databases are cloned from it.
    {
        pqxx::connection admin{cluster.connectionUri(QStringLiteral("postgres")).toStdString()};
        pqxx::nontransaction tx{admin};
        const std::string quoted = tx.quote_name(name.toStdString());
        const auto exists = tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", name.toStdString());
        if (!exists.empty())
            tx.exec0("ALTER DATABASE " + quoted + " WITH IS_TEMPLATE false");
        tx.exec0("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
        tx.exec0("CREATE DATABASE " + quoted);
    }
    pqxx::connection connection{cluster.connectionUri(name).toStdString()};
    db::Migrator().apply(connection);
    pqxx::nontransaction tx{connection};
    tx.exec0("ALTER DATABASE " + tx.quote_name(name.toStdString()) + " WITH IS_TEMPLATE true");
}

int migrate(const QString &conninfo)
{
    pqxx::connection connection{conninfo.toStdString()};
    const db::MigrationReport report = db::Migrator().apply(connection);
    for (const QString &file : report.applied)
        out(QStringLiteral("applied %1").arg(file));
    for (const QString &file : report.restated)
        out(QStringLiteral("recorded %1 (its functions and views now come from functions/)").arg(file));
    out(QStringLiteral(
            "schema at version %1 (%2 newly applied, %3 already applied; %4 function and view files applied)")
            .arg(report.currentVersion)
            .arg(report.applied.size())
            .arg(report.alreadyApplied)
            .arg(report.objectsApplied.size()));
    return ExitSuccess;
}

} // namespace

int runDbCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("init|start|stop|status|uri|migrate"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Cluster data directory."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption templ(QStringLiteral("template"),
                                   QStringLiteral("Also create a migrated template database."), QStringLiteral("NAME"));
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("Database named in the URI."),
                                      QStringLiteral("NAME"));
    const QCommandLineOption conninfo(QStringLiteral("conninfo"), QStringLiteral("Migrate this server instead."),
                                      QStringLiteral("STRING"));
    parser.addOptions({dataDir, templ, database, conninfo});
    if (!parser.parse(QStringList{QStringLiteral("ecomops db")} + arguments) ||
        parser.positionalArguments().size() != 1) {
        err(parser.errorText().isEmpty() ? QStringLiteral("ecomops db: say which action.") : parser.errorText());
        err(usage());
        return ExitBadArguments;
    }
    const QString action = parser.positionalArguments().constFirst();
    try {
        EmbeddedCluster cluster(parser.value(dataDir));
        if (action == QLatin1String("init") || action == QLatin1String("start")) {
            // With --template (the test fixture) only the template is migrated.
            cluster.start(parser.isSet(templ) ? EmbeddedCluster::Migrate::No : EmbeddedCluster::Migrate::Yes);
            if (parser.isSet(templ))
                recreateTemplate(cluster, parser.value(templ));
            out(QStringLiteral("PostgreSQL is %1").arg(cluster.stateText()));
            return ExitSuccess;
        }
        if (action == QLatin1String("stop")) {
            cluster.stop();
            out(QStringLiteral("PostgreSQL is %1").arg(cluster.stateText()));
            return ExitSuccess;
        }
        if (action == QLatin1String("status")) {
            out(QStringLiteral("PostgreSQL is %1").arg(cluster.stateText()));
            return cluster.state() == EmbeddedCluster::State::Running ? ExitSuccess : ExitNotRunning;
        }
        if (action == QLatin1String("uri")) {
            out(cluster.connectionUri(parser.value(database)));
            return ExitSuccess;
        }
        if (action == QLatin1String("migrate")) {
            if (parser.isSet(conninfo)) {
                if (db::hasPassword(parser.value(conninfo))) {
                    err(QStringLiteral("ecomops db migrate --conninfo: %1").arg(db::passwordOnCommandLineAdvice()));
                    return ExitBadArguments;
                }
                return migrate(parser.value(conninfo));
            }
            cluster.start();
            return migrate(cluster.connectionUri());
        }
        err(QStringLiteral("ecomops db: unknown action '%1'.").arg(action));
        err(usage());
        return ExitBadArguments;
    } catch (const db::ClusterError &e) {
        err(QStringLiteral("error: %1").arg(e.message()));
        if (!e.detail().isEmpty())
            err(e.detail());
    } catch (const db::MigrationError &e) {
        err(QStringLiteral("error: %1").arg(e.message()));
    } catch (const std::exception &e) {
        err(QStringLiteral("error: %1").arg(QString::fromUtf8(e.what()).trimmed()));
    }
    return ExitFailed;
}

} // namespace ecomops::app
