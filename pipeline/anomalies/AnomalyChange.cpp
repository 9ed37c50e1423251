#include "anomalies/AnomalyChange.h"

#include "anomalies/AnomalyError.h" // (libpqxx headers before SqlSupport.h)
#include "anomalies/SqlSupport.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ecomops::anomalies {

AnomalyChange AnomalyChange::fromPayload(const QString &payload, int senderPid)
{
    AnomalyChange c;
    c.payload = payload;
    c.senderPid = senderPid;
    const nlohmann::json json = nlohmann::json::parse(payload.toStdString(), nullptr, false);
    if (!json.is_object())
        return c;
    const QString kind = sql::jsonText(json, "kind");
    c.kind = kind == QLatin1String("triage")     ? Kind::Triage
             : kind == QLatin1String("detected") ? Kind::Detected
                                                 : Kind::Unknown;
    if (const auto ids = json.find("flag_ids"); ids != json.end() && ids->is_array()) {
        for (const auto &id : *ids) {
            if (id.is_number_integer())
                c.flagIds.append(id.get<qint64>());
        }
    }
    if (const auto versions = json.find("versions"); versions != json.end() && versions->is_array()) {
        for (const auto &v : *versions) {
            if (v.is_number_integer())
                c.versions.append(v.get<int>());
        }
    }
    c.status = sql::jsonText(json, "status");
    c.dbRole = sql::jsonText(json, "db_role");
    c.consoleUser = sql::jsonText(json, "console_user");
    if (const qint64 ms = sql::jsonInteger(json, "at_ms"))
        c.at = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    c.runId = sql::jsonInteger(json, "run_id");
    c.newFlags = sql::jsonInteger(json, "new_flags");
    return c;
}

void AnomalyClaims::add(const AnomalyChange &change)
{
    if (change.kind == AnomalyChange::Kind::Triage) {
        const qsizetype n = std::min(change.flagIds.size(), change.versions.size());
        for (qsizetype i = 0; i < n; ++i) {
            if (flagIds.size() >= kMaxFlags) {
                overflow = true;
                return;
            }
            flagIds.append(change.flagIds.at(i));
            versions.append(change.versions.at(i));
        }
    } else if (change.kind == AnomalyChange::Kind::Detected) {
        detection = true;
    }
}

void AnomalyClaims::merge(const AnomalyClaims &other)
{
    for (qsizetype i = 0; i < other.flagIds.size(); ++i) {
        AnomalyChange c;
        c.kind = AnomalyChange::Kind::Triage;
        c.flagIds = {other.flagIds.at(i)};
        c.versions = {other.versions.at(i)};
        add(c);
    }
    detection = detection || other.detection;
    overflow = overflow || other.overflow;
}

} // namespace ecomops::anomalies
