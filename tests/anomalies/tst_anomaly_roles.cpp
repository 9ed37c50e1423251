// The three group roles, each "logged in" (SET SESSION AUTHORIZATION, see
// AnomalyTestSupport.h: the test cluster only has peer authentication) as a
// LOGIN role that is a member: what it can do, what it cannot, and the
// database's own permission-denied error turned into words by the API.
#include "AnomalyTestSupport.h"
#include "TestDatabase.h"
#include "anomalies/AnomalyError.h"
#include "anomalies/FlagQueries.h"
#include "anomalies/Roles.h"
#include "anomalies/Triage.h"

#include <QtTest>

#include <pqxx/pqxx>

using namespace ecomops;
using anomalies::Capability;
using anomalies::FlagStatus;
using anomalies::RoleInfo;

namespace {

using test::sqlStateOf;

constexpr const char *kDenied = "42501";

anomalies::TriageResult review(pqxx::connection &c, qint64 flag, int version, FlagStatus to = FlagStatus::Reviewed)
{
    anomalies::TriageRequest r;
    r.flags = {{flag, version}};
    r.newStatus = to;
    r.note = QStringLiteral("checked");
    r.consoleUser = QStringLiteral("console-user");
    return anomalies::triage(c, r);
}

void expectPermissionMessage(const QString &message, const std::string &role, const char *needed)
{
    qInfo("  readable: %s", qPrintable(message));
    QVERIFY2(message.contains(QString::fromStdString(role)), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String(needed)), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("ERROR:")), qPrintable(message));
}

} // namespace

class TestAnomalyRoles : public QObject
{
    Q_OBJECT
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<test::LoginRole> m_operator, m_steward, m_analyst, m_nobody, m_nested;
    qint64 m_flag = 0;

private slots:
    void initTestCase()
    {
        m_db = std::make_unique<test::TestDatabase>();
        ECOMOPS_REQUIRE_DB(*m_db);
        auto c = m_db->connect();
        auto lines = test::productLines("P-ROLE", "R", 40, {1, 2, 3});
        lines[4].quantity = 50;
        test::insertLines(*c, lines);
        QCOMPARE(test::detectNow(*c).newFlags, qint64(1));
        m_flag = test::number(*c, "SELECT flag_id FROM ops.anomaly_flag");
        m_operator = std::make_unique<test::LoginRole>(m_db->name(), "op", "ecomops_operator");
        m_steward = std::make_unique<test::LoginRole>(m_db->name(), "st", "ecomops_steward");
        m_analyst = std::make_unique<test::LoginRole>(m_db->name(), "an", "ecomops_analyst");
        m_nobody = std::make_unique<test::LoginRole>(m_db->name(), "no", "");
        // Membership through a team role counts too.
        m_teamName = m_db->name().toStdString() + "_team";
        {
            pqxx::connection admin{test::TestDatabase::adminConninfo().toStdString()};
            pqxx::nontransaction tx{admin};
            tx.exec0("DROP ROLE IF EXISTS " + tx.quote_name(m_teamName));
            tx.exec0("CREATE ROLE " + tx.quote_name(m_teamName) + " NOLOGIN IN ROLE ecomops_steward");
        }
        m_nested = std::make_unique<test::LoginRole>(m_db->name(), "nest", m_teamName);
    }

    void cleanupTestCase()
    {
        m_nested.reset();
        try {
            pqxx::connection admin{test::TestDatabase::adminConninfo().toStdString()};
            pqxx::nontransaction tx{admin};
            tx.exec0("DROP ROLE IF EXISTS " + tx.quote_name(m_teamName));
        } catch (const std::exception &) {
        }
    }

    void groupRolesExistWithoutLogin()
    {
        auto c = m_db->connect();
        QCOMPARE(test::scalar(*c,
                              "SELECT string_agg(rolname || ':' || rolcanlogin, ',' ORDER BY rolname) FROM pg_roles "
                              "WHERE rolname IN ('ecomops_operator', 'ecomops_steward', 'ecomops_analyst')"),
                 QStringLiteral("ecomops_analyst:false,ecomops_operator:false,ecomops_steward:false"));
    }

    void superuserMayDoEverything()
    {
        auto c = m_db->connect();
        const RoleInfo r = anomalies::currentRoles(*c);
        QVERIFY(r.superuser);
        QVERIFY(r.canRunPipelines && r.canTriage && r.canReadWarehouse && r.canReadMarts);
        QVERIFY(r.whyNot(Capability::Triage).isEmpty());
    }

    void operatorRunsPipelinesButDoesNotTriage()
    {
        auto c = m_db->connect();
        test::actAs(*c, m_operator->name());
        const RoleInfo r = anomalies::currentRoles(*c);
        QCOMPARE(r.role, QString::fromStdString(m_operator->name()));
        QVERIFY(!r.superuser);
        QCOMPARE(r.groupRoles(), QStringList{QStringLiteral("ecomops_operator")});
        QVERIFY(r.canRunPipelines);
        QVERIFY(!r.canTriage);
        QVERIFY(r.canReadWarehouse && r.canReadMarts);
        qInfo("operator, triage: %s", qPrintable(r.whyNot(Capability::Triage)));

        // What a run writes.
        const qint64 runId = test::createRun(*c);
        QVERIFY(runId > 0);
        QCOMPARE(sqlStateOf(*c, "UPDATE ops.pipeline_run SET status = 'succeeded', ended_at = now() WHERE run_id = " +
                                    std::to_string(runId)),
                 std::string());
        QCOMPARE(
            sqlStateOf(
                *c, "INSERT INTO quarantine.rejected_row (run_id, table_name, source_line, stage, raw_record, reasons) "
                    "VALUES (" +
                        std::to_string(runId) + ", 'orders', 2, 'load', 'x', '{bad}')"),
            std::string());
        auto more = test::productLines("P-ROLE", "S", 5, {2});
        more[0].quantity = 70;
        test::insertLines(*c, more);
        const auto report = test::detectNow(*c, {}, runId);
        QCOMPARE(report.newFlags, qint64(1));
        QCOMPARE(anomalies::refreshBaselines(*c, {}).products, qint64(1));

        // What it may not touch.
        const auto triage = review(*c, m_flag, 1);
        QCOMPARE(triage.kind, anomalies::TriageResult::Kind::NotAllowed);
        expectPermissionMessage(triage.message, m_operator->name(), "ecomops_steward");
        QVERIFY(triage.detail.contains(QStringLiteral("permission denied")));
        QCOMPARE(sqlStateOf(*c, "UPDATE ops.anomaly_flag SET status = 'RESOLVED'"), std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "DELETE FROM ops.anomaly_flag"), std::string(kDenied));
        QCOMPARE(sqlStateOf(*c,
                            "INSERT INTO ops.anomaly_event (flag_id, db_role, session_role, console_user, from_status, "
                            "to_status, is_reopen, version) VALUES (1, 'x', 'x', 'x', 'NEW', 'RESOLVED', false, 2)"),
                 std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "DELETE FROM ops.schema_migrations"), std::string(kDenied));
    }

    void stewardTriagesThroughTheFunctionOnly()
    {
        auto c = m_db->connect();
        test::actAs(*c, m_steward->name());
        const RoleInfo r = anomalies::currentRoles(*c);
        QCOMPARE(r.groupRoles(), QStringList{QStringLiteral("ecomops_steward")});
        QVERIFY(r.canTriage && r.canReadWarehouse && r.canReadMarts);
        QVERIFY(!r.canRunPipelines);

        // Reads what the Anomalies and Data Quality workspaces show.
        const anomalies::FlagQueries queries(*c);
        QVERIFY(queries.count({}) >= 1);
        QVERIFY(queries.detail(m_flag).has_value());
        QCOMPARE(sqlStateOf(*c, "SELECT count(*) FROM dw.fact_order_line"), std::string());
        QCOMPARE(sqlStateOf(*c, "SELECT count(*) FROM quarantine.rejected_row"), std::string());
        QCOMPARE(sqlStateOf(*c, "SELECT count(*) FROM ops.pipeline_run"), std::string());

        // Triage, recorded under its own name.
        const int version =
            int(test::number(*c, "SELECT version FROM ops.anomaly_flag WHERE flag_id = " + std::to_string(m_flag)));
        const auto changed = review(*c, m_flag, version);
        QVERIFY2(changed.ok(), qPrintable(changed.message));
        const auto events = queries.auditTrail(m_flag);
        QCOMPARE(events.last().dbRole, QString::fromStdString(m_steward->name()));
        QCOMPARE(events.last().sessionRole, QString::fromStdString(m_steward->name()));
        QCOMPARE(events.last().consoleUser, QStringLiteral("console-user"));

        // Never around the function: no update (status or detection fields), delete, insert.
        QCOMPARE(sqlStateOf(*c, "UPDATE ops.anomaly_flag SET status = 'RESOLVED', version = version + 1"),
                 std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "UPDATE ops.anomaly_flag SET threshold = 1000"), std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "DELETE FROM ops.anomaly_flag"), std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "DELETE FROM ops.anomaly_event"), std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "UPDATE ops.anomaly_baseline SET threshold = 0"), std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "INSERT INTO ops.pipeline_run (source_kind, started_by, spec) VALUES ('x', 'x', '{}')"),
                 std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "UPDATE dw.fact_order_line SET quantity = 1"), std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "SELECT ops.grant_ecomops_privileges()"), std::string(kDenied));

        // Detection is not the steward's: the API says so in words.
        try {
            test::detectNow(*c);
            QFAIL("a steward ran detection");
        } catch (const anomalies::PermissionDenied &e) {
            expectPermissionMessage(e.message(), m_steward->name(), "ecomops_operator");
            QVERIFY(e.detail().contains(QStringLiteral("permission denied")));
        }
        QVERIFY_THROWS_EXCEPTION(anomalies::PermissionDenied, anomalies::refreshBaselines(*c, {}));
    }

    void analystReadsMartsOnly()
    {
        auto c = m_db->connect();
        test::actAs(*c, m_analyst->name());
        const RoleInfo r = anomalies::currentRoles(*c);
        QCOMPARE(r.groupRoles(), QStringList{QStringLiteral("ecomops_analyst")});
        QVERIFY(r.canReadMarts);
        QVERIFY(!r.canTriage && !r.canRunPipelines && !r.canReadWarehouse);
        qInfo("analyst, read flags: %s", qPrintable(r.whyNot(Capability::ReadWarehouse)));

        QCOMPARE(sqlStateOf(*c, "SELECT * FROM mart.revenue_daily"), std::string());
        QCOMPARE(sqlStateOf(*c, "SELECT * FROM mart.kpi_summary('2025-01-01', '2025-12-31')"), std::string());
        QCOMPARE(sqlStateOf(*c, "SELECT max(version) FROM ops.schema_migrations"), std::string());
        QCOMPARE(sqlStateOf(*c, "SELECT count(*) FROM dw.fact_order_line"), std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "SELECT count(*) FROM ops.anomaly_flag"), std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "SELECT count(*) FROM ops.pipeline_run"), std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "REFRESH MATERIALIZED VIEW mart.revenue_daily"), std::string(kDenied));
        QCOMPARE(sqlStateOf(*c, "DELETE FROM mart.revenue_daily"), std::string(kDenied));

        try {
            anomalies::FlagQueries(*c).count({});
            QFAIL("an analyst read the flags");
        } catch (const anomalies::PermissionDenied &e) {
            expectPermissionMessage(e.message(), m_analyst->name(), "ecomops_steward");
            QVERIFY(e.detail().contains(QStringLiteral("permission denied")));
        }
        const auto triage = review(*c, m_flag, 1);
        QCOMPARE(triage.kind, anomalies::TriageResult::Kind::NotAllowed);
        expectPermissionMessage(triage.message, m_analyst->name(), "ecomops_steward");
    }

    void roleWithoutGroupCanDoNothing()
    {
        auto c = m_db->connect();
        test::actAs(*c, m_nobody->name());
        const RoleInfo r = anomalies::currentRoles(*c);
        QVERIFY(r.groupRoles().isEmpty());
        for (Capability cap :
             {Capability::RunPipelines, Capability::Triage, Capability::ReadWarehouse, Capability::ReadMarts})
            QVERIFY(!r.can(cap) && !r.whyNot(cap).isEmpty());
        QCOMPARE(sqlStateOf(*c, "SELECT * FROM mart.revenue_daily"), std::string(kDenied));
        QCOMPARE(review(*c, m_flag, 1).kind, anomalies::TriageResult::Kind::NotAllowed);
    }

    void membershipThroughATeamRole()
    {
        auto c = m_db->connect();
        test::actAs(*c, m_nested->name());
        const RoleInfo r = anomalies::currentRoles(*c);
        QVERIFY(r.isSteward);
        QVERIFY(r.canTriage);
    }

private:
    std::string m_teamName;
};

QTEST_GUILESS_MAIN(TestAnomalyRoles)
#include "tst_anomaly_roles.moc"
