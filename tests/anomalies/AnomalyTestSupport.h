#pragma once
// Shared by the anomaly suites: order lines written straight into
// dw.fact_order_line (the warehouse transform is exercised by the synthetic
// suite; these suites need exact, hand-picked quantities), detection in one
// committed transaction, and LOGIN roles.
#include "RecordingObserver.h"
#include "anomalies/Detection.h"

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

#include <pqxx/connection>

#include "TestDatabase.h"

namespace ecomops::test {

struct FactLine {
    std::string orderId;
    int lineNo = 1;
    std::string day; // "2025-03-01"
    std::string productId;
    int quantity = 1;
    std::string status = "Completed";
    long long customerSk = 1;
};

// Inserts the lines (creating their month partitions) in one transaction.
void insertLines(pqxx::connection &c, const std::vector<FactLine> &lines);
// `count` lines of product `productId`, quantities cycling through `pattern`,
// order ids "<prefix><n>", one a day from 2025-01-01.
std::vector<FactLine> productLines(const std::string &productId, const std::string &prefix, int count,
                                   const std::vector<int> &pattern);

qint64 createRun(pqxx::connection &c);

// The stddev method's threshold of a product, computed here from its lines
// (median + k·stddev_samp over positive quantities of orders not Cancelled or
// Refunded), to check what the detector stored or reported.
double stddevThreshold(pqxx::connection &c, const std::string &productId, double k);

// detect() in its own committed transaction.
anomalies::DetectionReport detectNow(pqxx::connection &c, const anomalies::AnomalyOptions &options = {},
                                     qint64 runId = 0);

// A LOGIN role for the test's lifetime, member of the given group roles
// (comma-separated, may be empty), named <database>_<suffix> so parallel
// suites never collide. Dropped at the end.
class LoginRole
{
public:
    LoginRole(const QString &databaseName, const std::string &suffix, const std::string &groups);
    ~LoginRole();
    LoginRole(const LoginRole &) = delete;
    LoginRole &operator=(const LoginRole &) = delete;
    const std::string &name() const { return m_name; }

private:
    std::string m_name;
};

// Makes the connection act as `role` for the rest of its session:
// SET SESSION AUTHORIZATION, so current_user and session_user both are that
// role and every privilege check is made for it. The test cluster uses peer
// authentication on its socket (no TCP, no passwords), so a test cannot log
// in as a role other than the OS user's; a superuser session switching its
// authorization is how the suites "log in" as each role.
void actAs(pqxx::connection &c, const std::string &role);

} // namespace ecomops::test
