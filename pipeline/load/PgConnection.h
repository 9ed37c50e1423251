#pragma once
// A plain libpq connection for bulk COPY. libpqxx 6.4 exposes no PGconn and
// its stream_to runs at ~0.85x of psql's \copy; raw PQputCopyData of ready
// CSV bytes keeps pace with it (BUILD-NOTES). Errors carry the SQLSTATE so
// the runner can tell transient failures from permanent ones.
#include "core/Cancellation.h"

#include <QString>

#include <stdexcept>
#include <string>
#include <string_view>

struct pg_conn;

namespace ecomops::load {

class PgError : public std::runtime_error
{
public:
    PgError(const std::string &message, std::string sqlstate, bool connectionLost)
        : std::runtime_error(message), m_sqlstate(std::move(sqlstate)), m_connectionLost(connectionLost)
    {
    }
    const std::string &sqlstate() const { return m_sqlstate; }
    bool connectionLost() const { return m_connectionLost; }

private:
    std::string m_sqlstate;
    bool m_connectionLost;
};

// libpq's own words for a connection that is gone. After a SIGKILL restarts
// the server, a session that was idle meanwhile fails its next statement with
// "server closed the connection unexpectedly", no SQLSTATE, and PQstatus
// still CONNECTION_OK; that must still read as a lost connection.
bool libpqSaysConnectionLost(const char *message);

class PgConnection
{
public:
    explicit PgConnection(const QString &conninfo);
    ~PgConnection();
    PgConnection(const PgConnection &) = delete;
    PgConnection &operator=(const PgConnection &) = delete;

    void exec(const std::string &sql); // throws PgError
    std::string quoteIdentifier(std::string_view name) const;

    // While the registration lives, cancelling the token sends libpq's
    // cancel request for whatever this connection is running.
    CancelToken::Registration interruptOn(CancelToken &token);

    // COPY … FROM STDIN: begin, send bytes, end. Returns the rows COPY stored.
    void copyBegin(const std::string &copySql);
    void copySend(const char *data, std::size_t size);
    long long copyEnd();
    void copyAbort(const char *reason);

    pg_conn *handle() const { return m_conn; }

private:
    [[noreturn]] void fail(const std::string &context, void *result = nullptr);

    pg_conn *m_conn = nullptr;
};

} // namespace ecomops::load
