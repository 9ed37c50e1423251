#pragma once
// A commit whose answer was lost with the connection (pqxx::in_doubt_error)
// may or may not have happened. Work that must not be done twice (the
// publish: its report counts what it did) notes its transaction id before
// committing, and after the server is back asks PostgreSQL what became of it
// (txid_status) instead of guessing.
#include <QString>

#include <optional>

#include <pqxx/transaction_base>

namespace ecomops::runner {

// The id of tx's transaction (txid_current(), assigned from here on).
qint64 noteTransactionId(pqxx::transaction_base &tx);

// True when that transaction committed, false when it aborted (or never got
// as far); nullopt when the server cannot say (the id is too old).
std::optional<bool> transactionCommitted(const QString &conninfo, qint64 transactionId);

} // namespace ecomops::runner
