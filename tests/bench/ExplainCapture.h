#pragma once
// ecomops-bench --whole-run --explain FILE: the plans of every statement of a
// run that took at least a threshold, with EXPLAIN ANALYZE's actual times and
// buffers, caught by PostgreSQL's auto_explain inside the engine's own
// sessions (including the statements inside our SQL functions), read back
// from the server log and written slowest first. This is the profile the
// optimisation work of the transform, validate rules and marts starts from.
// It needs the private cluster (its log is a file we can read) and costs
// time itself: the stage figures of an --explain run are not the ones to
// quote.
#include <QString>

#include <pqxx/pqxx>

namespace ecomops::bench {

class ExplainCapture
{
public:
    // Every later session of `database` loads auto_explain with these settings.
    ExplainCapture(pqxx::connection &admin, const QString &database, const QString &serverLog, int minMs);
    // Writes the plans logged since construction to `file`, slowest first, and
    // prints the ten slowest statements. Returns how many were caught.
    int write(const QString &file) const;

private:
    QString m_serverLog;
    qint64 m_logStart = 0;
};

} // namespace ecomops::bench
