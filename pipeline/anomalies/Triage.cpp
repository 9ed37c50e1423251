#include "anomalies/Triage.h"

#include "anomalies/AnomalyError.h"
#include "anomalies/Roles.h"
#include "anomalies/SqlSupport.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

namespace ecomops::anomalies {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("anomalies", text);
}

// The DETAIL line of a server error, as libpq formats it ("DETAIL:  …").
nlohmann::json errorDetail(const std::string &what)
{
    const std::string marker = "DETAIL:  ";
    const auto start = what.find(marker);
    if (start == std::string::npos)
        return nlohmann::json::object();
    const auto from = start + marker.size();
    const auto end = what.find('\n', from);
    const nlohmann::json parsed = nlohmann::json::parse(
        what.substr(from, end == std::string::npos ? std::string::npos : end - from), nullptr, false);
    return parsed.is_object() ? parsed : nlohmann::json::object();
}

// The first line of the server's message, without the "ERROR:  " prefix.
QString serverMessage(const std::string &what)
{
    QString text = QString::fromUtf8(what.data(), static_cast<qsizetype>(what.size()));
    text = text.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (text.startsWith(QLatin1String("ERROR:")))
        text = text.mid(6).trimmed();
    return text;
}

TriageResult invalid(const QString &message)
{
    TriageResult r;
    r.kind = TriageResult::Kind::Invalid;
    r.message = message;
    return r;
}

TriageResult fromSqlError(pqxx::connection &conn, const pqxx::sql_error &e, const TriageRequest &request)
{
    TriageResult r;
    const std::string state = sqlState(e);
    r.detail = QString::fromUtf8(e.what()).trimmed();
    r.message = serverMessage(e.what());
    const nlohmann::json detail = errorDetail(e.what());
    r.flagId = sql::jsonInteger(detail, "flag_id");
    if (state == kConflictState) {
        r.kind = TriageResult::Kind::Conflict;
        TriageConflict &c = r.conflict;
        c.flagId = r.flagId;
        c.changedBy = sql::jsonText(detail, "changed_by");
        c.consoleUser = sql::jsonText(detail, "console_user");
        c.status = flagStatusFromString(sql::jsonText(detail, "status")).value_or(FlagStatus::New);
        c.version = static_cast<int>(sql::jsonInteger(detail, "version"));
        c.expectedVersion = static_cast<int>(sql::jsonInteger(detail, "expected_version"));
        if (const qint64 ms = sql::jsonInteger(detail, "changed_at_ms"))
            c.at = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        const QString who =
            c.consoleUser.isEmpty() ? c.changedBy : QStringLiteral("%1 (%2)").arg(c.consoleUser, c.changedBy);
        r.message = c.changedBy.isEmpty()
                        ? tr("Flag %1 was changed meanwhile (it is now at version %2). Reload it and decide again.")
                              .arg(c.flagId)
                              .arg(c.version)
                        : tr("Flag %1 was changed meanwhile by %2, to %3 at %4. Nothing was changed; reload it and "
                             "decide again.")
                              .arg(c.flagId)
                              .arg(who, statusName(c.status), c.at.toLocalTime().toString(Qt::ISODate));
    } else if (state == kInvalidTransitionState) {
        r.kind = TriageResult::Kind::InvalidTransition;
        r.message = tr("Flag %1 is %2 and cannot be marked %3. Nothing was changed.")
                        .arg(r.flagId)
                        .arg(sql::jsonText(detail, "status"), statusName(request.newStatus));
    } else if (state == kFlagNotFoundState) {
        r.kind = TriageResult::Kind::NotFound;
        r.message = tr("Flag %1 does not exist (any more). Nothing was changed.").arg(r.flagId);
    } else if (state == kInvalidArgumentState) {
        r.kind = TriageResult::Kind::Invalid;
    } else if (state == kPermissionDenied) {
        r.kind = TriageResult::Kind::NotAllowed;
        r.message = permissionMessage(currentRoleName(conn), tr("triage anomalies"), QString::fromLatin1(kStewardRole));
    } else {
        r.kind = TriageResult::Kind::Failed;
        r.message = tr("The change could not be saved: %1").arg(r.message);
    }
    return r;
}

} // namespace

QString kindName(TriageResult::Kind kind)
{
    switch (kind) {
    case TriageResult::Kind::Ok:
        return QStringLiteral("ok");
    case TriageResult::Kind::Conflict:
        return QStringLiteral("conflict");
    case TriageResult::Kind::InvalidTransition:
        return QStringLiteral("invalid transition");
    case TriageResult::Kind::NotFound:
        return QStringLiteral("not found");
    case TriageResult::Kind::NotAllowed:
        return QStringLiteral("not allowed");
    case TriageResult::Kind::Invalid:
        return QStringLiteral("invalid");
    case TriageResult::Kind::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

TriageResult triage(pqxx::connection &conn, const TriageRequest &request)
{
    if (request.flags.isEmpty())
        return invalid(tr("No flag is selected."));
    // libpq passes parameters as C strings: a NUL would silently cut the note.
    if (request.note.contains(QChar(0)) || request.consoleUser.contains(QChar(0)))
        return invalid(tr("The note contains a NUL character, which the database cannot store."));
    QList<qint64> ids;
    QList<int> versions;
    for (const FlagVersion &f : request.flags) {
        ids.append(f.flagId);
        versions.append(f.expectedVersion);
    }
    try {
        pqxx::work tx{conn};
        const pqxx::result rows = tx.exec_params(
            "SELECT flag_id, from_status, to_status, version, event_id, " + sql::epochMsOf("changed_at") +
                " FROM ops.triage_anomaly($1::bigint[], $2::integer[], $3, $4, $5)",
            sql::integerArrayLiteral(ids), sql::integerArrayLiteral(versions),
            statusName(request.newStatus).toStdString(), request.note.toStdString(), request.consoleUser.toStdString());
        TriageResult result;
        for (const pqxx::row &row : rows) {
            ChangedFlag c;
            c.flagId = row[0].as<qint64>();
            c.from = flagStatusFromString(sql::text(row[1])).value_or(FlagStatus::New);
            c.to = flagStatusFromString(sql::text(row[2])).value_or(FlagStatus::New);
            c.version = row[3].as<int>();
            c.eventId = row[4].as<qint64>();
            c.at = sql::epochMs(row[5]);
            result.changed.append(c);
        }
        tx.commit();
        result.kind = TriageResult::Kind::Ok;
        result.message = result.changed.size() == 1
                             ? tr("Flag %1 marked %2.").arg(result.changed[0].flagId).arg(statusName(request.newStatus))
                             : tr("%1 flags marked %2.").arg(result.changed.size()).arg(statusName(request.newStatus));
        return result;
    } catch (const pqxx::sql_error &e) {
        return fromSqlError(conn, e, request);
    } catch (const std::exception &e) {
        TriageResult r;
        r.kind = TriageResult::Kind::Failed;
        r.detail = QString::fromUtf8(e.what()).trimmed();
        r.message = tr("The change could not be saved: %1").arg(r.detail);
        return r;
    }
}

} // namespace ecomops::anomalies
