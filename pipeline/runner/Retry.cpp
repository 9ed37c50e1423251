#include "runner/Retry.h"

#include "core/ErrorText.h"
#include "load/PgConnection.h"
#include "staging/Snapshot.h"

#include <QThread>

#include <pqxx/pqxx>

#include <algorithm>
#include <chrono>

namespace ecomops::runner {
namespace {

bool transientState(const std::string &state)
{
    return state.rfind("08", 0) == 0 // connection exceptions
           || state == "40001"       // serialization_failure
           || state == "40P01"       // deadlock_detected
           || state == "57P01"       // admin_shutdown (pg_terminate_backend)
           || state == "57P02"       // crash_shutdown
           || state == "57P03"       // cannot_connect_now
           || state == "53300";      // too_many_connections
}

bool sessionGone(const std::string &state)
{
    return state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0;
}

QString text(const std::exception &e)
{
    return QString::fromUtf8(e.what()).trimmed();
}

} // namespace

FailureInfo classifyCurrentException(const CancelToken &cancel)
{
    FailureInfo info;
    try {
        throw;
    } catch (const CancelledError &) {
        info.cancelled = true;
        info.message = QStringLiteral("cancelled");
    } catch (const load::PgError &e) {
        info.cancelled = cancel.isCancelled() && (e.sqlstate() == "57014" || e.connectionLost());
        info.transient = !info.cancelled && (e.connectionLost() || transientState(e.sqlstate()));
        info.connectionLost = e.connectionLost() || sessionGone(e.sqlstate());
        info.message = text(e);
    } catch (const pqxx::broken_connection &e) {
        info.cancelled = cancel.isCancelled();
        info.transient = !info.cancelled;
        info.connectionLost = true;
        info.message = QStringLiteral("the connection to the database was lost: ") + text(e);
    } catch (const pqxx::transaction_rollback &e) {
        // serialization_failure and deadlock_detected: no sqlstate in 6.4.
        info.transient = true;
        info.message = text(e);
    } catch (const pqxx::sql_error &e) {
        info.cancelled = cancel.isCancelled() && e.sqlstate() == "57014";
        // libpqxx 6.4 reports a server that went away mid-statement as an
        // sql_error without a SQLSTATE, in libpq's words.
        const bool vanished = e.sqlstate().empty() && load::libpqSaysConnectionLost(e.what());
        info.connectionLost = vanished || sessionGone(e.sqlstate());
        info.transient = !info.cancelled && (vanished || transientState(e.sqlstate()));
        info.message = text(e);
    } catch (const pqxx::in_doubt_error &e) {
        // The connection went during COMMIT. Worth another attempt once the
        // server is back: every retried step either starts by undoing what
        // its run wrote, or checks whether its commit went through
        // (InDoubtCommit.h).
        info.transient = !cancel.isCancelled();
        info.connectionLost = true;
        info.message = QStringLiteral("the connection was lost while committing: ") + text(e);
    } catch (const staging::SnapshotError &e) {
        info.message = e.message();
    } catch (const std::exception &e) {
        info.cancelled = cancel.isCancelled();
        info.message = QString::fromUtf8(describeException(e, "running the pipeline").c_str()).trimmed();
    }
    if (info.cancelled)
        info.message = QStringLiteral("cancelled");
    return info;
}

bool backoff(int attempt, const CancelToken &cancel)
{
    const int waitMs = std::min(8000, 250 << std::min(attempt, 5));
    for (int waited = 0; waited < waitMs; waited += 50) {
        if (cancel.isCancelled())
            return false;
        QThread::msleep(50);
    }
    return !cancel.isCancelled();
}

} // namespace ecomops::runner
