#include "load/PgConnection.h"

#include <libpq-fe.h>

#include <cstring>
#include <memory>

namespace ecomops::load {
namespace {

struct ResultDeleter {
    void operator()(PGresult *r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

} // namespace

bool libpqSaysConnectionLost(const char *message)
{
    for (const char *words :
         {"server closed the connection", "no connection to the server", "could not send data to server",
          "could not receive data from server", "terminating connection"}) {
        if (std::strstr(message, words) != nullptr)
            return true;
    }
    return false;
}

PgConnection::PgConnection(const QString &conninfo) : m_conn(PQconnectdb(conninfo.toUtf8().constData()))
{
    if (PQstatus(m_conn) != CONNECTION_OK) {
        const std::string message = PQerrorMessage(m_conn);
        PQfinish(m_conn);
        m_conn = nullptr;
        throw PgError("could not connect: " + message, "08006", true);
    }
    // Notices ("table … does not exist, skipping") are not for the terminal.
    PQsetNoticeProcessor(
        m_conn, [](void *, const char *) {}, nullptr);
    exec("SET client_encoding = 'UTF8'");
}

PgConnection::~PgConnection()
{
    if (m_conn)
        PQfinish(m_conn);
}

void PgConnection::fail(const std::string &context, void *result)
{
    auto *r = static_cast<PGresult *>(result);
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = r ? PQresultErrorMessage(r) : "";
    if (message.empty())
        message = PQerrorMessage(m_conn);
    const bool lost = PQstatus(m_conn) != CONNECTION_OK || (!state && libpqSaysConnectionLost(message.c_str()));
    throw PgError(context + ": " + message, state ? state : (lost ? "08006" : ""), lost);
}

void PgConnection::exec(const std::string &sql)
{
    Result r(PQexec(m_conn, sql.c_str()));
    const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail("statement failed", r.get());
}

std::string PgConnection::quoteIdentifier(std::string_view name) const
{
    char *quoted = PQescapeIdentifier(m_conn, name.data(), name.size());
    std::string result = quoted ? quoted : "";
    PQfreemem(quoted);
    return result;
}

CancelToken::Registration PgConnection::interruptOn(CancelToken &token)
{
    std::shared_ptr<PGcancel> cancel(PQgetCancel(m_conn), &PQfreeCancel);
    return token.onCancel([cancel] {
        char error[256];
        if (cancel)
            PQcancel(cancel.get(), error, sizeof error);
    });
}

void PgConnection::copyBegin(const std::string &copySql)
{
    Result r(PQexec(m_conn, copySql.c_str()));
    if (!r || PQresultStatus(r.get()) != PGRES_COPY_IN)
        fail("COPY did not start", r.get());
}

void PgConnection::copySend(const char *data, std::size_t size)
{
    if (PQputCopyData(m_conn, data, int(size)) != 1)
        fail("COPY data could not be sent");
}

long long PgConnection::copyEnd()
{
    if (PQputCopyEnd(m_conn, nullptr) != 1)
        fail("COPY could not be finished");
    long long rows = 0;
    bool failed = false;
    Result failure;
    while (PGresult *raw = PQgetResult(m_conn)) {
        Result r(raw);
        if (PQresultStatus(raw) == PGRES_COMMAND_OK)
            rows = std::atoll(PQcmdTuples(raw));
        else if (!failed) {
            failed = true;
            failure = std::move(r);
        }
    }
    if (failed)
        fail("COPY failed", failure.get());
    return rows;
}

void PgConnection::copyAbort(const char *reason)
{
    PQputCopyEnd(m_conn, reason);
    while (PGresult *raw = PQgetResult(m_conn))
        PQclear(raw);
}

} // namespace ecomops::load
