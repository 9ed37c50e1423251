#pragma once
// Errors of the anomaly API meant for a user: a message in words and the
// database's own text behind it. Permission denied (SQLSTATE 42501) becomes
// PermissionDenied, naming the role and what it would need.
#include <QLoggingCategory>
#include <QString>

#include <exception>

#include <pqxx/connection>
#include <pqxx/except>

#include <stdexcept>
#include <string>

Q_DECLARE_LOGGING_CATEGORY(lcAnomalies)

namespace ecomops::anomalies {

class AnomalyError : public std::runtime_error
{
public:
    explicit AnomalyError(const QString &message, QString detail = {});
    QString message() const { return m_message; }
    QString detail() const { return m_detail; }

private:
    QString m_message;
    QString m_detail;
};

class PermissionDenied : public AnomalyError
{
public:
    using AnomalyError::AnomalyError;
};

inline constexpr const char *kPermissionDenied = "42501";

// "Your database role "x" may not <action>: it needs the <neededRole> role."
// with the database's message as detail. `role` is the current role's name.
QString permissionMessage(const QString &role, const QString &action, const QString &neededRole);

// The SQLSTATE of a server error. libpqxx 6.4 leaves sqlstate() empty on the
// subclasses it throws for some states (insufficient_privilege for 42501).
std::string sqlState(const pqxx::sql_error &error);

// The role the connection acts as (current_user), or "" when it cannot be asked.
QString currentRoleName(pqxx::connection &conn);

// Rethrows the exception being handled (call inside catch) as AnomalyError
// (PermissionDenied for 42501) saying what was being done; the role is read
// from `conn`, so call it where the failed transaction is already gone.
// CancelledError and AnomalyError pass through unchanged.
[[noreturn]] void rethrowReadable(pqxx::connection &conn, const QString &action, const QString &neededRole);

} // namespace ecomops::anomalies
