#pragma once
// Riding out a server restart: after a lost connection, wait until the server
// accepts connections again (PQping), up to a bound, instead of spending the
// retry attempts while it is still in recovery.
#include "core/Cancellation.h"

#include <QString>

namespace ecomops::runner {

struct ServerWait {
    bool back = false;    // accepting connections before the bound
    bool wasDown = false; // the first probe failed: it really restarted (or was unreachable)
    double seconds = 0;   // how long we waited
};

// Polls every 250 ms; returns at once when the server already accepts
// connections, early when `cancel` is set (back = false).
ServerWait waitForServer(const QString &conninfo, int boundSeconds, const CancelToken &cancel);

} // namespace ecomops::runner
