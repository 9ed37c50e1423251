#pragma once
// The session settings of the set-based stages (validate, publish): each of
// their statements runs once over a whole table, so per-session memory and no
// JIT beat PostgreSQL's defaults, which are tuned for many small queries.
#include <pqxx/connection>

namespace ecomops::runner {

// Call right after connecting, before the session's first temporary table
// (temp_buffers cannot change after it). Session-level SET, so it reaches the
// statements inside our SQL functions too; nothing persists past the session.
void tuneBulkSession(pqxx::connection &connection);

} // namespace ecomops::runner
