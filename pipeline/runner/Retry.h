#pragma once
// Which failures are worth another attempt (a lost connection, a
// serialization failure, a deadlock, a server restarting) and how long to
// wait before it (exponential backoff that a cancel interrupts).
#include "core/Cancellation.h"

#include <QString>

#include <exception>

namespace ecomops::runner {

struct FailureInfo {
    bool transient = false;
    bool cancelled = false;      // a cancel request interrupted it
    bool connectionLost = false; // the session is gone (terminated backend, server restart)
    QString message;             // in words
};

// Classifies the exception currently being handled (call inside catch).
FailureInfo classifyCurrentException(const CancelToken &cancel);

// 250 ms, 500 ms, 1 s, 2 s, … capped at 8 s; returns false if cancelled meanwhile.
bool backoff(int attempt, const CancelToken &cancel);

} // namespace ecomops::runner
