#pragma once
#include <QStringList>

namespace ecomops::app {

// `ecomops snapshots list|prune [--keep N] [--dry-run]`: the staging
// snapshots this database's runs wrote, and the retention rule's verdict on
// each (pipeline/staging/SnapshotRetention.h); prune removes what it does not
// keep.
int runSnapshotsCommand(const QStringList &arguments);

} // namespace ecomops::app
