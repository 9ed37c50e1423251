#include "FaultInjection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <dlfcn.h>
#include <mutex>
#include <set>
#include <sys/socket.h>

namespace ecomops::test::faults {
namespace {

std::atomic<bool> g_armed{false};
std::atomic<bool> g_windowOpen{false};
std::atomic<long> g_failAt{0};
std::atomic<long> g_counted{0};
std::atomic<bool> g_injected{false};
std::mutex g_mutex;
std::vector<std::string> g_statements;

constexpr const char *kFailingStatement = "DO $$BEGIN RAISE EXCEPTION 'ecomops test: injected fault'; END$$";
constexpr const char *kUnparsable = "ecomops test: injected fault";

bool startsWith(const char *text, const char *prefix)
{
    return std::strncmp(text, prefix, std::strlen(prefix)) == 0;
}

// The connections whose open transaction writes a run log line: its COMMIT
// is the log line's, whose loss the engine tolerates.
std::set<const PGconn *> g_inLogWrite;

// True when this statement is the one to fail.
bool failThis(const PGconn *conn, const char *query)
{
    if (!g_armed.load() || !query)
        return false;
    if (!g_windowOpen.load()) {
        if (!std::strstr(query, "INSERT INTO ops.pipeline_run"))
            return false;
        g_windowOpen = true;
    }
    {
        std::lock_guard lock(g_mutex);
        if (std::strstr(query, "INSERT INTO ops.run_log")) {
            g_inLogWrite.insert(conn);
            return false;
        }
        if (startsWith(query, "COMMIT") && g_inLogWrite.erase(conn) > 0)
            return false;
    }
    if (startsWith(query, "ROLLBACK") || startsWith(query, "BEGIN"))
        return false;
    const long n = ++g_counted;
    {
        std::lock_guard lock(g_mutex);
        g_statements.emplace_back(query, std::min<std::size_t>(std::strlen(query), 200));
    }
    if (n != g_failAt.load())
        return false;
    g_injected = true;
    return true;
}

// The lost record commit: per connection, whether its open transaction wrote
// the run record, and whether it wrote anything else.
std::atomic<bool> g_recordArmed{false};
std::atomic<long> g_loseAt{0};
std::atomic<long> g_recordCommits{0};
std::set<const PGconn *> g_recordWrite, g_otherWrite;
std::string g_loseMarker; // set: lose the COMMIT after this statement instead
std::set<const PGconn *> g_markerSent;

bool isRecordWrite(const char *query)
{
    for (const char *prefix : {"INSERT INTO ops.pipeline_run", "UPDATE ops.pipeline_run",
                               "INSERT INTO ops.stage_result", "UPDATE ops.stage_result", "INSERT INTO ops.run_log"}) {
        if (startsWith(query, prefix))
            return true;
    }
    return false;
}

// True when this statement is the COMMIT whose answer is to be lost.
bool loseThis(const PGconn *conn, const char *query)
{
    if (!g_recordArmed.load() || !query || startsWith(query, "BEGIN"))
        return false;
    std::lock_guard lock(g_mutex);
    if (!g_loseMarker.empty()) {
        if (std::strstr(query, g_loseMarker.c_str()))
            g_markerSent.insert(conn);
        else if (startsWith(query, "ROLLBACK"))
            g_markerSent.erase(conn);
        else if (startsWith(query, "COMMIT") && g_markerSent.erase(conn) > 0 && !g_injected.exchange(true))
            return true;
        return false;
    }
    if (startsWith(query, "COMMIT") || startsWith(query, "ROLLBACK")) {
        const bool record =
            g_recordWrite.erase(conn) > 0 && g_otherWrite.erase(conn) == 0 && startsWith(query, "COMMIT");
        g_otherWrite.erase(conn);
        if (!record)
            return false;
        const long n = ++g_recordCommits;
        if (n != g_loseAt.load())
            return false;
        g_injected = true;
        return true;
    }
    (isRecordWrite(query) ? g_recordWrite : g_otherWrite).insert(conn);
    return false;
}

template <typename Fn> Fn real(const char *name)
{
    return reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
}

} // namespace

void arm(long failAt)
{
    std::lock_guard lock(g_mutex);
    g_statements.clear();
    g_counted = 0;
    g_injected = false;
    g_windowOpen = false;
    g_inLogWrite.clear();
    g_failAt = failAt;
    g_armed = true;
}

void disarm()
{
    g_armed = false;
    g_recordArmed = false;
}

void armLostRecordCommit(long k)
{
    std::lock_guard lock(g_mutex);
    g_recordWrite.clear();
    g_otherWrite.clear();
    g_recordCommits = 0;
    g_injected = false;
    g_loseAt = k;
    g_loseMarker.clear();
    g_recordArmed = true;
}

void armLostCommitAfter(const std::string &marker)
{
    armLostRecordCommit(0);
    std::lock_guard lock(g_mutex);
    g_markerSent.clear();
    g_loseMarker = marker;
}

long recordCommits()
{
    return g_recordCommits.load();
}
long counted()
{
    return g_counted.load();
}
bool injected()
{
    return g_injected.load();
}
std::vector<std::string> statements()
{
    std::lock_guard lock(g_mutex);
    return g_statements;
}

} // namespace ecomops::test::faults

using namespace ecomops::test::faults;

extern "C" {

PGresult *PQexec(PGconn *conn, const char *query)
{
    static const auto next = real<PGresult *(*)(PGconn *, const char *)>("PQexec");
    if (loseThis(conn, query)) {
        // Committed, then the connection goes: the next exchange fails, libpq
        // marks the connection bad, and that failure is the COMMIT's answer.
        PQclear(next(conn, query));
        shutdown(PQsocket(conn), SHUT_RDWR);
        return next(conn, "SELECT 1");
    }
    if (!failThis(conn, query))
        return next(conn, query);
    // A COMMIT that fails ends the transaction on the server (as a failing
    // deferred check or serialization failure would): roll back, then fail.
    if (startsWith(query, "COMMIT"))
        PQclear(next(conn, "ROLLBACK"));
    return next(conn, kFailingStatement);
}

PGresult *PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                       const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                       int resultFormat)
{
    static const auto next = real<decltype(&PQexecParams)>("PQexecParams");
    loseThis(conn, command); // never a COMMIT: only notes what the transaction wrote
    if (failThis(conn, command))
        return next(conn, kFailingStatement, 0, nullptr, nullptr, nullptr, nullptr, resultFormat);
    return next(conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat);
}

PGresult *PQexecPrepared(PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues,
                         const int *paramLengths, const int *paramFormats, int resultFormat)
{
    static const auto next = real<decltype(&PQexecPrepared)>("PQexecPrepared");
    static const auto params = real<decltype(&PQexecParams)>("PQexecParams");
    const std::string what = std::string("EXECUTE ") + (stmtName ? stmtName : "");
    loseThis(conn, what.c_str());
    if (failThis(conn, what.c_str()))
        return params(conn, kFailingStatement, 0, nullptr, nullptr, nullptr, nullptr, resultFormat);
    return next(conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat);
}

PGresult *PQprepare(PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes)
{
    static const auto next = real<decltype(&PQprepare)>("PQprepare");
    // A statement that cannot be parsed: the name stays unprepared.
    const bool fail = failThis(conn, query);
    return next(conn, stmtName, fail ? kUnparsable : query, fail ? 0 : nParams, paramTypes);
}

} // extern "C"
