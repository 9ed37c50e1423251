#include "runner/RunAgain.h"

#include "staging/Snapshot.h"

#include <pqxx/pqxx>

namespace ecomops::runner {
namespace {

RunSpec again(const PastRun &run, Trigger trigger, const QString &startedBy, const QString &how)
{
    RunSpec spec = run.spec;
    spec.trigger = trigger;
    spec.startedBy = startedBy;
    spec.originRunId = run.runId;
    spec.originHow = how;
    return spec;
}

} // namespace

QString snapshotProblem(const QString &path)
{
    if (path.isEmpty())
        return QStringLiteral("It recorded no snapshot (it failed before its source was staged).");
    try {
        staging::Snapshot::open(path);
        return {};
    } catch (const staging::SnapshotError &e) {
        // The message names the folder and what is missing ("… does not exist.").
        QString message = e.message().trimmed();
        if (!message.endsWith(QLatin1Char('.')))
            message += QLatin1Char('.');
        return message;
    }
}

PastRun readPastRun(const QString &conninfo, qint64 runId)
{
    pqxx::connection c{conninfo.toStdString()};
    pqxx::read_transaction tx{c};
    const pqxx::result r = tx.exec_params(
        "SELECT status, spec::text, coalesce(snapshot_path, '') FROM ops.pipeline_run WHERE run_id = $1", runId);
    if (r.empty())
        throw RunAgainError("there is no run " + std::to_string(runId));
    PastRun run;
    run.runId = runId;
    run.status = QString::fromStdString(r[0][0].as<std::string>());
    run.snapshotPath = QString::fromStdString(r[0][2].as<std::string>());
    try {
        run.spec = RunSpec::fromJson(nlohmann::json::parse(r[0][1].as<std::string>()));
    } catch (const std::exception &e) {
        throw RunAgainError("run " + std::to_string(runId) + "'s recorded spec cannot be read: " + e.what());
    }
    return run;
}

RunSpec rerunSpec(const PastRun &run, Trigger trigger, const QString &startedBy)
{
    return again(run, trigger, startedBy, QStringLiteral("rerun"));
}

QString retryBlockedReason(const PastRun &run)
{
    if (run.status != QLatin1String("failed"))
        return QStringLiteral("run %1 %2: only a failed run is retried from its snapshot; run it again instead")
            .arg(run.runId)
            .arg(run.status);
    const QString problem = snapshotProblem(run.snapshotPath);
    if (problem.isEmpty())
        return {};
    return QStringLiteral("run %1 cannot be retried from its snapshot: %2 Run it again from its source instead "
                          "(ecomops runs rerun %1).")
        .arg(run.runId)
        .arg(problem);
}

bool canRetry(const QString &status, const QString &snapshotPath)
{
    return status == QLatin1String("failed") && snapshotProblem(snapshotPath).isEmpty();
}

RunSpec retrySpec(const PastRun &run, Trigger trigger, const QString &startedBy)
{
    const QString blocked = retryBlockedReason(run);
    if (!blocked.isEmpty())
        throw RunAgainError(blocked.toStdString());
    RunSpec spec = again(run, trigger, startedBy, QStringLiteral("retry"));
    spec.sourceKind = QStringLiteral("snapshot");
    spec.sourceOptions = {{"path", run.snapshotPath.toStdString()}};
    spec.sourcePassword.clear();
    return spec;
}

} // namespace ecomops::runner
