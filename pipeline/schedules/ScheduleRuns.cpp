#include "schedules/ScheduleRuns.h"

#include <pqxx/pqxx>

namespace ecomops::schedules {

LastRun lastRun(const QString &conninfo, const QString &name)
{
    pqxx::connection c{conninfo.toStdString()};
    pqxx::read_transaction tx{c};
    const pqxx::result r =
        tx.exec_params("SELECT run_id, status, (extract(epoch FROM coalesce(started_at, queued_at)) * 1000)::bigint "
                       "FROM ops.pipeline_run WHERE trigger = 'scheduled' AND spec->>'schedule' = $1 "
                       "ORDER BY run_id DESC LIMIT 1",
                       name.toStdString());
    LastRun run;
    if (r.empty())
        return run;
    run.runId = r[0][0].as<qint64>();
    run.status = QString::fromStdString(r[0][1].as<std::string>());
    run.startedAt = QDateTime::fromMSecsSinceEpoch(r[0][2].as<qint64>());
    return run;
}

QString describe(const LastRun &run)
{
    if (run.runId == 0)
        return QStringLiteral("never");
    return QStringLiteral("run %1 %2 %3")
        .arg(run.runId)
        .arg(run.status, run.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

} // namespace ecomops::schedules
