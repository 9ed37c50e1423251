#include "runner/InDoubtCommit.h"

#include <pqxx/pqxx>

namespace ecomops::runner {

qint64 noteTransactionId(pqxx::transaction_base &tx)
{
    return tx.exec1("SELECT txid_current()")[0].as<qint64>();
}

std::optional<bool> transactionCommitted(const QString &conninfo, qint64 transactionId)
{
    pqxx::connection c{conninfo.toStdString()};
    pqxx::nontransaction tx{c};
    const pqxx::row status = tx.exec_params1("SELECT txid_status($1)", transactionId);
    if (status[0].is_null())
        return std::nullopt;
    // 'in progress' cannot be: the session that ran it is gone.
    return status[0].as<std::string>() == "committed";
}

} // namespace ecomops::runner
