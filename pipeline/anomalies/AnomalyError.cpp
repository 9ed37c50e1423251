#include "anomalies/AnomalyError.h"

#include "core/Cancellation.h"

#include <QCoreApplication>

#include <pqxx/pqxx>

Q_LOGGING_CATEGORY(lcAnomalies, "ecomops.pipeline.anomalies", QtInfoMsg)

namespace ecomops::anomalies {

AnomalyError::AnomalyError(const QString &message, QString detail)
    : std::runtime_error(message.toStdString()), m_message(message), m_detail(std::move(detail))
{
}

QString permissionMessage(const QString &role, const QString &action, const QString &neededRole)
{
    const QString who = role.isEmpty()
                            ? QCoreApplication::translate("anomalies", "Your database role")
                            : QCoreApplication::translate("anomalies", "Your database role \"%1\"").arg(role);
    return QCoreApplication::translate("anomalies", "%1 may not %2: that needs the %3 role. Ask a database "
                                                    "administrator to grant it (GRANT %3 TO %4).")
        .arg(who, action, neededRole, role.isEmpty() ? QStringLiteral("<you>") : role);
}

std::string sqlState(const pqxx::sql_error &error)
{
    if (!error.sqlstate().empty())
        return error.sqlstate();
    if (dynamic_cast<const pqxx::insufficient_privilege *>(&error))
        return kPermissionDenied;
    return {};
}

QString currentRoleName(pqxx::connection &conn)
{
    try {
        pqxx::nontransaction tx{conn};
        return QString::fromStdString(tx.exec1("SELECT current_user")[0].as<std::string>());
    } catch (const std::exception &) {
        return {};
    }
}

void rethrowReadable(pqxx::connection &conn, const QString &action, const QString &neededRole)
{
    try {
        throw;
    } catch (const CancelledError &) {
        throw;
    } catch (const AnomalyError &) {
        throw;
    } catch (const pqxx::sql_error &e) {
        const QString detail = QString::fromUtf8(e.what()).trimmed();
        if (sqlState(e) == kPermissionDenied)
            throw PermissionDenied(permissionMessage(currentRoleName(conn), action, neededRole), detail);
        throw AnomalyError(QCoreApplication::translate("anomalies", "Could not %1: %2").arg(action, detail), detail);
    } catch (const std::exception &e) {
        const QString detail = QString::fromUtf8(e.what()).trimmed();
        throw AnomalyError(QCoreApplication::translate("anomalies", "Could not %1: %2").arg(action, detail), detail);
    }
}

} // namespace ecomops::anomalies
