#include "queries/QueryFailure.h"

#include "anomalies/AnomalyError.h"
#include "core/Cancellation.h"
#include "core/ErrorText.h"

#include <QCoreApplication>

#include <pqxx/except>

namespace ecomops::queries {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("queries", text);
}

// The server's first line without libpq's "ERROR:  " prefix: the part a user can read.
QString serverWords(const QString &what)
{
    QString words = what.trimmed().section(QLatin1Char('\n'), 0, 0).trimmed();
    for (const QLatin1String prefix : {QLatin1String("ERROR:"), QLatin1String("FATAL:")})
        if (words.startsWith(prefix))
            words = words.mid(prefix.size()).trimmed();
    return words;
}

QString serverWords(const std::exception &e)
{
    return serverWords(QString::fromUtf8(e.what()));
}

} // namespace

QString QueryFailure::text() const
{
    if (detail.isEmpty() || message.contains(serverWords(detail)))
        return message;
    return message + QLatin1Char(' ') + detail;
}

QueryFailure describeFailure(const std::exception &e)
{
    const QString detail = QString::fromUtf8(e.what()).trimmed();
    if (const auto *anomaly = dynamic_cast<const anomalies::AnomalyError *>(&e))
        return {anomaly->message(), anomaly->detail()};
    if (dynamic_cast<const CancelledError *>(&e))
        return {tr("The request was cancelled."), {}};
    // Before sql_error: these derive from pqxx::failure and carry no SQLSTATE.
    if (dynamic_cast<const pqxx::broken_connection *>(&e))
        return {tr("The database could not be reached: %1").arg(serverWords(e)), detail};
    if (dynamic_cast<const pqxx::transaction_rollback *>(&e))
        return {tr("The database gave up the request because of a concurrent change; try again."), detail};
    if (const auto *sql = dynamic_cast<const pqxx::sql_error *>(&e)) {
        const std::string state = anomalies::sqlState(*sql);
        if (state == anomalies::kPermissionDenied)
            return {tr("The connected role may not read this: %1").arg(serverWords(e)), detail};
        if (state == "57014")
            return {tr("The database cancelled the request (it was stopped or took too long)."), detail};
        return {tr("The database refused the request: %1").arg(serverWords(e)), detail};
    }
    if (dynamic_cast<const pqxx::failure *>(&e))
        return {tr("The database connection failed: %1").arg(serverWords(e)), detail};
    return {QString::fromStdString(describeException(e, "reading from the database")), {}};
}

QueryFailure unknownFailure()
{
    return {tr("An unexpected error occurred while reading from the database (a bug: please report it)."), {}};
}

} // namespace ecomops::queries
