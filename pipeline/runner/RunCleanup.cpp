#include "runner/RunCleanup.h"

#include "load/TableLoader.h"
#include "staging/Catalog.h"

#include <pqxx/pqxx>

namespace ecomops::runner {

void removeRunData(pqxx::transaction_base &tx, qint64 runId, Evidence evidence)
{
    for (const staging::TableSpec &t : staging::catalog())
        tx.exec0("DROP TABLE IF EXISTS staging." + tx.quote_name(load::TableLoader::partitionName(t.name, runId)));
    if (evidence == Evidence::Keep)
        return;
    tx.exec_params0("DELETE FROM quarantine.rejected_row WHERE run_id = $1", runId);
    for (const char *table : {"quality_failure", "quality_score", "quality_gate", "quality_null", "quality_run"})
        tx.exec_params0(std::string("DELETE FROM ops.") + table + " WHERE run_id = $1", runId);
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
