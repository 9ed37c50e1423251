#pragma once
// A schedule's runs in ops.pipeline_run: those started by its timer, i.e.
// trigger 'scheduled' and the schedule's name in the spec. Blocking: opens
// its own connection; throws std::exception with the server's words.
#include <QDateTime>
#include <QString>

namespace ecomops::schedules {

struct LastRun {
    qint64 runId = 0; // 0: it has not run yet
    QString status;
    QDateTime startedAt;
};

LastRun lastRun(const QString &conninfo, const QString &name);

// "run 12 succeeded 2026-12-07 22:40", or "never".
QString describe(const LastRun &run);

} // namespace ecomops::schedules
