// After a successful run: the snapshots the retention rule no longer keeps
// are removed, and the run log says which.
#include "runner/RunExecution.h"

#include "staging/SnapshotRetention.h"

#include <pqxx/pqxx>

namespace ecomops::runner {

void RunExecution::pruneSnapshots()
{
    if (m_spec.keepSnapshots <= 0)
        return; // keep everything
    const QString stage = QStringLiteral("run");
    try {
        pqxx::connection connection{m_conninfo.toStdString()};
        staging::RetentionPolicy policy;
        policy.keepRuns = m_spec.keepSnapshots;
        const auto removed = staging::applyRetention(staging::planRetention(connection, policy));
        qint64 bytes = 0;
        for (const staging::SnapshotEntry &e : removed) {
            if (e.keep) {
                emitLog(LogLevel::Warning, stage,
                        QStringLiteral("retention: the snapshot of run %1 (%2) %3").arg(e.runId).arg(e.path, e.reason));
                continue;
            }
            bytes += e.bytes;
            emitLog(LogLevel::Info, stage,
                    QStringLiteral("retention: removed the snapshot of run %1 (%2, %3): %4")
                        .arg(e.runId)
                        .arg(e.status, staging::describeSize(e.bytes), e.reason));
        }
        emitLog(LogLevel::Info, stage,
                QStringLiteral(
                    "retention: keeping the snapshots of the last %1 runs and of runs that failed in the last %2 "
                    "days; %3 removed (%4)")
                    .arg(policy.keepRuns)
                    .arg(policy.keepFailedDays)
                    .arg(removed.size())
                    .arg(staging::describeSize(bytes)));
    } catch (const std::exception &e) {
        // The run has succeeded; an old snapshot left behind is no reason to say otherwise.
        emitLog(
            LogLevel::Warning, stage,
            QStringLiteral("retention: old snapshots were not pruned: %1").arg(QString::fromUtf8(e.what()).trimmed()));
    }
}

} // namespace ecomops::runner
