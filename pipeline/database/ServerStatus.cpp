#include "database/ServerStatus.h"

#include "database/Migrator.h"

#include <QObject>

#include <pqxx/pqxx>

namespace ecomops::db {

ServerStatus probeServer(const QString &conninfo)
{
    ServerStatus status;
    status.schemaAvailable = Migrator().latestVersion();
    try {
        pqxx::connection connection{conninfo.toStdString()};
        const char *host = connection.hostname();
        const QString hostText = host ? QString::fromUtf8(host) : QString();
        status.server = hostText.startsWith(QLatin1Char('/'))
                            ? QObject::tr("local socket %1").arg(hostText)
                            : hostText + QLatin1Char(':') + QString::fromUtf8(connection.port());
        status.database = QString::fromUtf8(connection.dbname());
        pqxx::read_transaction tx{connection};
        const auto row = tx.exec1("SELECT current_user, current_setting('server_version'), "
                                  "       (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)");
        status.role = QString::fromStdString(row[0].as<std::string>());
        status.serverVersion = QString::fromStdString(row[1].as<std::string>());
        status.superuser = row[2].as<bool>();
        for (const auto &r : tx.exec("SELECT rolname FROM pg_roles WHERE rolname IN ('ecomops_operator', "
                                     "'ecomops_steward', 'ecomops_analyst') "
                                     "AND pg_has_role(current_user, oid, 'MEMBER') ORDER BY rolname"))
            status.groupRoles << QString::fromStdString(r[0].as<std::string>());
        tx.commit();
        status.schemaVersion = Migrator::appliedVersion(connection);
        status.connected = true;
    } catch (const pqxx::broken_connection &e) {
        status.error = QObject::tr("Could not connect to the database server.");
        status.errorDetail = QString::fromUtf8(e.what()).trimmed();
    } catch (const std::exception &e) {
        status.error = QObject::tr("Connected, but could not read the server's status.");
        status.errorDetail = QString::fromUtf8(e.what()).trimmed();
    }
    return status;
}

} // namespace ecomops::db
