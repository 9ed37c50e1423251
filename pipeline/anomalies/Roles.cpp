#include "anomalies/Roles.h"

#include "anomalies/AnomalyError.h"

#include <QCoreApplication>

#include <pqxx/pqxx>

namespace ecomops::anomalies {
namespace {

// Looked up through the catalogs (readable by every role), never by name
// resolution, which would itself fail with "permission denied for schema".
constexpr const char *kRolesQuery = R"SQL(
WITH schema_usage AS (
    SELECT n.nspname, has_schema_privilege(n.oid, 'USAGE') AS usable
    FROM pg_namespace n WHERE n.nspname IN ('staging', 'quarantine', 'dw', 'ops', 'mart')
), rel AS (
    SELECT n.nspname, c.relname, c.relkind,
           has_table_privilege(c.oid, 'SELECT') AS can_select, has_table_privilege(c.oid, 'INSERT') AS can_insert
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('staging', 'quarantine', 'dw', 'ops', 'mart') AND c.relkind IN ('r', 'p', 'v', 'm')
      AND NOT c.relispartition
), fn AS (
    SELECT p.proname, has_function_privilege(p.oid, 'EXECUTE') AS can_execute
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'ops' AND p.proname IN ('triage_anomaly', 'flag_anomalies', 'create_staging_partition',
                                               'rebaseline_anomalies')
), member AS (
    SELECT g.rolname FROM pg_roles g
    WHERE g.rolname IN ('ecomops_operator', 'ecomops_steward', 'ecomops_analyst')
      AND pg_has_role(current_user, g.oid, 'MEMBER')
)
SELECT current_user, session_user,
       coalesce((SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = current_user), false),
       EXISTS (SELECT 1 FROM member WHERE rolname = 'ecomops_operator'),
       EXISTS (SELECT 1 FROM member WHERE rolname = 'ecomops_steward'),
       EXISTS (SELECT 1 FROM member WHERE rolname = 'ecomops_analyst'),
       -- run pipelines: record runs, stage rows, write facts, raise flags
       -- (flags and staging partitions through the functions, 0065)
       coalesce((SELECT bool_and(usable) FROM schema_usage WHERE nspname IN ('staging', 'quarantine', 'dw', 'ops')), false)
           AND coalesce((SELECT can_insert FROM rel WHERE nspname = 'ops' AND relname = 'pipeline_run'), false)
           AND coalesce((SELECT can_insert FROM rel WHERE nspname = 'dw' AND relname = 'fact_order_line'), false)
           AND coalesce((SELECT can_execute FROM fn WHERE proname = 'create_staging_partition'), false)
           AND coalesce((SELECT can_execute FROM fn WHERE proname = 'flag_anomalies'), false),
       -- triage
       coalesce((SELECT usable FROM schema_usage WHERE nspname = 'ops'), false)
           AND coalesce((SELECT can_execute FROM fn WHERE proname = 'triage_anomaly'), false)
           AND coalesce((SELECT can_select FROM rel WHERE nspname = 'ops' AND relname = 'anomaly_flag'), false),
       -- read the warehouse and the flags
       coalesce((SELECT bool_and(usable) FROM schema_usage WHERE nspname IN ('dw', 'ops')), false)
           AND coalesce((SELECT bool_and(can_select) FROM rel WHERE nspname IN ('dw', 'ops')), false),
       -- read the marts
       coalesce((SELECT usable FROM schema_usage WHERE nspname = 'mart'), false)
           AND coalesce((SELECT bool_and(can_select) FROM rel WHERE nspname = 'mart'), true),
       -- recompute the baselines now
       coalesce((SELECT usable FROM schema_usage WHERE nspname = 'ops'), false)
           AND coalesce((SELECT can_execute FROM fn WHERE proname = 'rebaseline_anomalies'), false)
)SQL";

QString tr(const char *text)
{
    return QCoreApplication::translate("anomalies", text);
}

} // namespace

bool RoleInfo::can(Capability capability) const
{
    switch (capability) {
    case Capability::RunPipelines:
        return canRunPipelines;
    case Capability::Triage:
        return canTriage;
    case Capability::ReadWarehouse:
        return canReadWarehouse;
    case Capability::ReadMarts:
        return canReadMarts;
    case Capability::Rebaseline:
        return canRebaseline;
    }
    return false;
}

QStringList RoleInfo::groupRoles() const
{
    QStringList roles;
    if (isOperator)
        roles.append(QString::fromLatin1(kOperatorRole));
    if (isSteward)
        roles.append(QString::fromLatin1(kStewardRole));
    if (isAnalyst)
        roles.append(QString::fromLatin1(kAnalystRole));
    return roles;
}

QString RoleInfo::whyNot(Capability capability) const
{
    if (can(capability))
        return {};
    switch (capability) {
    case Capability::RunPipelines:
        return permissionMessage(role, tr("run pipelines"), QString::fromLatin1(kOperatorRole));
    case Capability::Triage:
        return permissionMessage(role, tr("triage anomalies"), QString::fromLatin1(kStewardRole));
    case Capability::ReadWarehouse:
        return permissionMessage(role, tr("read the warehouse and the anomaly flags"),
                                 QString::fromLatin1(kStewardRole));
    case Capability::ReadMarts:
        return permissionMessage(role, tr("read the KPI marts"), QString::fromLatin1(kAnalystRole));
    case Capability::Rebaseline:
        return permissionMessage(role, tr("recompute the anomaly baselines"), QString::fromLatin1(kStewardRole));
    }
    return {};
}

RoleInfo currentRoles(pqxx::connection &conn)
{
    try {
        pqxx::read_transaction tx{conn};
        const pqxx::row r = tx.exec1(kRolesQuery);
        RoleInfo info;
        info.role = QString::fromStdString(r[0].as<std::string>());
        info.sessionRole = QString::fromStdString(r[1].as<std::string>());
        info.superuser = r[2].as<bool>();
        info.isOperator = r[3].as<bool>();
        info.isSteward = r[4].as<bool>();
        info.isAnalyst = r[5].as<bool>();
        info.canRunPipelines = r[6].as<bool>();
        info.canTriage = r[7].as<bool>();
        info.canReadWarehouse = r[8].as<bool>();
        info.canReadMarts = r[9].as<bool>();
        info.canRebaseline = r[10].as<bool>();
        return info;
    } catch (...) {
        rethrowReadable(conn, tr("read which roles you have"), QString());
    }
}

} // namespace ecomops::anomalies
