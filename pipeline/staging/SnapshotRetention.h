#pragma once
// Which staging snapshots to keep: those of the last N runs (10 by default),
// of any run that failed in the last 7 days (the evidence a steward or an
// operator may still need) and of runs still in progress. A folder is only
// ever removed when it is the one its own run created (run-<id>-… under
// snapshot_date=…); a snapshot another run re-loaded is kept while that run
// is. Run statuses come from ops.pipeline_run; nothing in the database
// changes.
#include <QDateTime>
#include <QString>

#include <vector>

namespace pqxx {
class connection_base;
}

namespace ecomops::staging {

struct RetentionPolicy {
    int keepRuns = 10;
    int keepFailedDays = 7;
};

struct SnapshotEntry {
    QString path;
    qint64 runId = 0; // the run that created the folder
    QString status;   // that run's status
    QDateTime at;     // when it ended (or started, or was queued)
    qint64 bytes = 0; // 0 when the folder is gone
    bool exists = false;
    bool keep = false;
    QString reason; // why it is kept or removed, in words
};

// Every snapshot folder this database's runs created, newest first, with the
// rule's verdict.
std::vector<SnapshotEntry> planRetention(pqxx::connection_base &connection, const RetentionPolicy &policy);

// Removes the folders the plan does not keep (that still exist) and their
// emptied date folders. Returns what was removed; a folder that cannot be
// removed is returned with keep = true and the reason.
std::vector<SnapshotEntry> applyRetention(const std::vector<SnapshotEntry> &plan);

QString describeSize(qint64 bytes); // "41.2 MB"

} // namespace ecomops::staging
