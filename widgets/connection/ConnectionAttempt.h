#pragma once
// One blocking attempt to reach the database a profile names: for the
// embedded profile, start (and if needed create and migrate) the private
// cluster first. Run it on a worker thread, never on the GUI thread.
#include "database/ConnectionProfile.h"
#include "database/ServerStatus.h"

namespace ecomops::widgets {

struct ConnectionAttempt {
    db::ServerStatus status;
    // What libpq was given, password included: keep in memory only, never
    // show or log it (db::redacted() for that).
    QString conninfo;
};

// Never throws: failures come back as status.error / status.errorDetail.
ConnectionAttempt attemptConnection(const db::ConnectionProfile &profile, const QString &password);

} // namespace ecomops::widgets
