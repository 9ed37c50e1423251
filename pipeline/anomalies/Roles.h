#pragma once
// Which of the EcomOps group roles the connected user has, and what that
// lets it do, so the console can disable what is not allowed and say why.
// Capabilities come from the database's own privilege checks (a superuser
// or the objects' owner can do everything; a role can inherit through
// nested memberships), not from role names alone.
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <pqxx/connection>

namespace ecomops::anomalies {

inline constexpr const char *kOperatorRole = "ecomops_operator";
inline constexpr const char *kStewardRole = "ecomops_steward";
inline constexpr const char *kAnalystRole = "ecomops_analyst";

enum class Capability { RunPipelines, Triage, ReadWarehouse, ReadMarts, Rebaseline };

struct RoleInfo {
    QString role;        // current_user
    QString sessionRole; // session_user (who logged in)
    bool superuser = false;
    bool isOperator = false; // member of ecomops_operator (directly or not)
    bool isSteward = false;
    bool isAnalyst = false;
    bool canRunPipelines = false;
    bool canTriage = false;
    bool canReadWarehouse = false; // dw, ops and the anomaly flags
    bool canReadMarts = false;
    bool canRebaseline = false; // ops.rebaseline_anomalies: stewards (and operators)

    bool can(Capability capability) const;
    QStringList groupRoles() const; // the ecomops_* roles held
    // Empty when allowed; otherwise why not and what would allow it, for a
    // tooltip or a disabled panel.
    QString whyNot(Capability capability) const;
};

// Throws AnomalyError when the database cannot be asked.
RoleInfo currentRoles(pqxx::connection &conn);

} // namespace ecomops::anomalies

Q_DECLARE_METATYPE(ecomops::anomalies::RoleInfo)
