#include "anomalies/ChangeVerification.h"

#include "anomalies/AnomalyError.h"
#include "anomalies/Roles.h"
#include "anomalies/SqlSupport.h"

#include <QCoreApplication>
#include <QPair>
#include <QSet>

#include <pqxx/pqxx>

namespace ecomops::anomalies {
namespace {

QString readAction()
{
    return QCoreApplication::translate("anomalies", "read anomaly flags");
}

} // namespace

qint64 newestFlagId(pqxx::connection &connection)
{
    try {
        pqxx::read_transaction tx{connection};
        return tx.exec1("SELECT coalesce(max(flag_id), 0) FROM ops.anomaly_flag")[0].as<qint64>();
    } catch (...) {
        rethrowReadable(connection, readAction(), QString::fromLatin1(kStewardRole));
    }
}

VerifiedChanges verifyClaims(pqxx::connection &connection, const AnomalyClaims &claims, qint64 flagsSeenUpTo)
{
    VerifiedChanges out;
    try {
        pqxx::read_transaction tx{connection};
        out.newestFlagId = tx.exec1("SELECT coalesce(max(flag_id), 0) FROM ops.anomaly_flag")[0].as<qint64>();
        if (!claims.flagIds.isEmpty()) {
            // Each claimed (flag, version) against the audit trail; one
            // change per run of events with the same who, status and time.
            const pqxx::result events = tx.exec_params(
                "SELECT e.flag_id, e.version, e.to_status, e.db_role, e.console_user, " + sql::epochMsOf("e.at") +
                    " FROM ops.anomaly_event e"
                    " JOIN unnest($1::bigint[], $2::integer[]) AS c(flag_id, version)"
                    "   ON c.flag_id = e.flag_id AND c.version = e.version"
                    " ORDER BY e.event_id",
                sql::integerArrayLiteral(claims.flagIds), sql::integerArrayLiteral(claims.versions));
            QSet<QPair<qint64, int>> seen;
            for (const auto &row : events) {
                const qint64 flag = row[0].as<qint64>();
                const int version = row[1].as<int>();
                if (seen.contains({flag, version}))
                    continue; // claimed twice
                seen.insert({flag, version});
                const QString status = sql::text(row[2]), role = sql::text(row[3]), user = sql::text(row[4]);
                const QDateTime at = sql::epochMs(row[5]);
                if (out.triage.isEmpty() || out.triage.last().status != status || out.triage.last().dbRole != role ||
                    out.triage.last().consoleUser != user || out.triage.last().at != at) {
                    AnomalyChange change;
                    change.kind = AnomalyChange::Kind::Triage;
                    change.status = status;
                    change.dbRole = role;
                    change.consoleUser = user;
                    change.at = at;
                    out.triage.append(change);
                }
                out.triage.last().flagIds.append(flag);
                out.triage.last().versions.append(version);
            }
        }
        if (claims.detection) {
            out.detectedFlags =
                tx.exec_params1("SELECT count(*) FROM ops.anomaly_flag WHERE flag_id > $1", flagsSeenUpTo)[0]
                    .as<qint64>();
        }
    } catch (...) {
        rethrowReadable(connection, readAction(), QString::fromLatin1(kStewardRole));
    }
    // Unchecked claims alongside real ones: the console cannot tell what
    // else changed, so it reloads.
    out.overflow = claims.overflow && !out.isEmpty();
    return out;
}

} // namespace ecomops::anomalies
