#include "runner/RunCleanup.h"

#include "load/TableLoader.h"
#include "staging/Catalog.h"

#include <pqxx/pqxx>

namespace ecomops::runner {

void removeRunData(pqxx::transaction_base &tx, qint64 runId, Evidence evidence)
{
    // Through the owner's functions (0065): an operator may not drop tables
    // nor delete run records itself. Both refuse a run that is finished, so
    // call this before the run's status is set.
    tx.exec_params("SELECT ops.drop_staging_partitions($1)", runId);
    if (evidence == Evidence::Remove)
        tx.exec_params("SELECT ops.discard_run_rows($1, 'run')", runId);
}

qint64 endOpenStages(pqxx::transaction_base &tx, qint64 runId, TableState state, const QString &error)
{
    const std::optional<std::string> text =
        error.isEmpty() ? std::nullopt : std::optional<std::string>(error.toStdString());
    // greatest(): a row whose start was written from the client's clock must
    // never end before it started.
    const pqxx::result r =
        tx.exec_params("UPDATE ops.stage_result SET status = $2, ended_at = greatest(now(), started_at), "
                       "error_text = coalesce(error_text, $3) WHERE run_id = $1 AND status IN ('queued', 'running')",
                       runId, toString(state).toStdString(), text);
    return qint64(r.affected_rows());
}

} // namespace ecomops::runner
