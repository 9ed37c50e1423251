#pragma once
// The server a benchmark measures on: the one --conninfo names, or else a
// private cluster started in a temporary folder (stopped at the end).
#include "database/EmbeddedCluster.h"

#include <QFile>
#include <QTemporaryDir>

#include <memory>
#include <sys/stat.h>

namespace ecomops::bench {

class BenchServer
{
public:
    BenchServer(const QTemporaryDir &work, const QString &conninfo) : m_conninfo(conninfo)
    {
        if (!m_conninfo.isEmpty())
            return;
        ::chmod(QFile::encodeName(work.path()).constData(), 0755); // reachable by the postgres account when root
        m_cluster = std::make_unique<db::EmbeddedCluster>(work.filePath(QStringLiteral("pg")));
        m_cluster->start();
        m_conninfo = m_cluster->connectionUri();
    }
    ~BenchServer()
    {
        if (m_cluster)
            m_cluster->stop();
    }
    BenchServer(const BenchServer &) = delete;
    BenchServer &operator=(const BenchServer &) = delete;

    const QString &conninfo() const { return m_conninfo; }
    // The private cluster's server log; empty for a server --conninfo named.
    QString logFile() const { return m_cluster ? m_cluster->logFile() : QString(); }

private:
    QString m_conninfo;
    std::unique_ptr<db::EmbeddedCluster> m_cluster;
};

} // namespace ecomops::bench
