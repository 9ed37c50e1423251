#include "runner/BulkSession.h"

#include <pqxx/pqxx>

namespace ecomops::runner {

void tuneBulkSession(pqxx::connection &connection)
{
    // jit: the planner's estimates over freshly staged rows and our views run
    // to millions, past jit_above_cost, and compiling cost 1 to 3 s per
    // statement at scale 1 (issue 16's EXPLAIN profile) for queries that run
    // once. work_mem: the set rules' sorts and hashes spilled to disk at 4 MB.
    // temp_buffers: the transform's working tables (w_orders, w_lines…)
    // were written out and read back at 8 MB.
    pqxx::nontransaction tx{connection};
    tx.exec0("SET jit = off");
    tx.exec0("SET work_mem = '64MB'");
    tx.exec0("SET maintenance_work_mem = '256MB'");
    tx.exec0("SET temp_buffers = '256MB'");
}

} // namespace ecomops::runner
