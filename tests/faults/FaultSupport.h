#pragma once
// Shared by the fault suites: a checksum of everything a run may change
// (every dw, staging, quarantine and mart relation, and the anomaly flags),
// small run specs, a run on its own thread that a test can stop at a chosen
// moment, and a private PostgreSQL cluster for faults that would disturb the
// shared test server (a killed backend restarts the whole cluster).
#include "runner/RunExecution.h"
#include "runner/RunSpec.h"

#include <QString>
#include <QTemporaryDir>

#include <map>
#include <memory>
#include <string>

#include <pqxx/connection>

#include "TestDatabase.h"

namespace ecomops::test {

// relation → "rows:md5 of its rows as text, sorted"; leaf partitions are
// listed too, so a staging partition left behind shows as a new entry.
using Checksums = std::map<std::string, std::string>;
Checksums warehouseChecksums(pqxx::connection &c);
QString combined(const Checksums &sums);                              // one md5 over all of them
QString differences(const Checksums &before, const Checksums &after); // "" when equal

// A synthetic shop run; gates only warn (the engine is under test here).
runner::RunSpec smallRun(const QString &stagingDir, double scale, quint64 seed);
runner::RunSpec snapshotRun(const QString &stagingDir, const QString &snapshot);
// A run to its end on this thread; `log`, if given, receives its whole log.
runner::RunResult runOnce(const QString &conninfo, const runner::RunSpec &spec, QString *log = nullptr);

// The run's staging partitions that still exist.
qint64 stagingPartitions(pqxx::connection &c, qint64 runId);
// Stage rows of the run that are not ended: status queued/running or no ended_at.
qint64 openStageRows(pqxx::connection &c, qint64 runId);

// A cluster of our own in /tmp, started by the product's EmbeddedCluster and
// migrated; stopImmediate() is `pg_ctl stop -m immediate` (a crash for the
// clients: no goodbye, recovery at the next start).
class PrivateCluster
{
public:
    PrivateCluster();
    ~PrivateCluster();
    QString error() const { return m_error; }
    QString conninfo() const;
    void stopImmediate();
    void start();
    // SIGKILL of one backend: PostgreSQL then restarts every session.
    static void killBackend(int pid);

private:
    QTemporaryDir m_dir{QStringLiteral("/tmp/ecomops-faults-XXXXXX")};
    QString m_dataDir;
    QString m_error;
};

} // namespace ecomops::test
