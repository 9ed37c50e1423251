#include "AnomalyTestSupport.h"

#include "TestDatabase.h"

#include <QDate>

#include <pqxx/pqxx>

namespace ecomops::test {

void insertLines(pqxx::connection &c, const std::vector<FactLine> &lines)
{
    if (lines.empty())
        return;
    pqxx::work tx{c};
    std::string minDay = lines.front().day;
    std::string maxDay = minDay;
    for (const FactLine &l : lines) {
        minDay = std::min(minDay, l.day);
        maxDay = std::max(maxDay, l.day);
    }
    tx.exec_params("SELECT dw.ensure_month_partitions('dw.fact_order_line', $1::date, $2::date)", minDay, maxDay);
    pqxx::stream_to out{tx, "dw.fact_order_line",
                        std::vector<std::string>{"order_id", "line_no", "order_date", "order_ts", "customer_sk",
                                                 "product_id", "product_sk", "status", "quantity", "unit_price",
                                                 "discount", "line_total", "price_source", "created_run_id",
                                                 "updated_run_id"}};
    for (const FactLine &l : lines)
        out << std::make_tuple(l.orderId, l.lineNo, l.day, l.day + " 12:00:00", l.customerSk, l.productId, 1, l.status,
                               l.quantity, std::string("10.0000"), std::string("0"),
                               std::to_string(l.quantity * 10) + ".0000", std::string("source"), 0, 0);
    out.complete();
    tx.commit();
}

std::vector<FactLine> productLines(const std::string &productId, const std::string &prefix, int count,
                                   const std::vector<int> &pattern)
{
    std::vector<FactLine> lines;
    const QDate start(2025, 1, 1);
    for (int i = 0; i < count; ++i) {
        FactLine l;
        l.orderId = prefix + std::to_string(i + 1);
        l.day = start.addDays(i % 300).toString(Qt::ISODate).toStdString();
        l.productId = productId;
        l.quantity = pattern[static_cast<std::size_t>(i) % pattern.size()];
        l.customerSk = 1 + i % 7;
        lines.push_back(l);
    }
    return lines;
}

qint64 createRun(pqxx::connection &c)
{
    pqxx::work tx{c};
    const qint64 id =
        tx.exec1("INSERT INTO ops.pipeline_run (status, trigger, source_kind, started_by, spec, started_at) "
                 "VALUES ('running', 'test', 'test', 'tst_anomaly', '{}', now()) RETURNING run_id")[0]
            .as<qint64>();
    tx.commit();
    return id;
}

double stddevThreshold(pqxx::connection &c, const std::string &productId, double k)
{
    pqxx::read_transaction tx{c};
    return tx
        .exec_params1("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY quantity) + $2 * stddev_samp(quantity) "
                      "FROM dw.fact_order_line WHERE product_id = $1 AND quantity > 0 "
                      "AND lower(status) NOT IN ('cancelled', 'refunded')",
                      productId, k)[0]
        .as<double>();
}

anomalies::DetectionReport detectNow(pqxx::connection &c, const anomalies::AnomalyOptions &options, qint64 runId)
{
    RecordingObserver observer;
    pqxx::work tx{c};
    anomalies::DetectionReport report = anomalies::detect(tx, runId, options, observer);
    tx.commit();
    return report;
}

LoginRole::LoginRole(const QString &databaseName, const std::string &suffix, const std::string &groups)
    : m_name(databaseName.toStdString() + "_" + suffix)
{
    pqxx::connection admin{TestDatabase::adminConninfo().toStdString()};
    pqxx::nontransaction tx{admin};
    tx.exec0("DROP ROLE IF EXISTS " + tx.quote_name(m_name));
    tx.exec0("CREATE ROLE " + tx.quote_name(m_name) + " LOGIN" + (groups.empty() ? "" : " IN ROLE " + groups));
}

LoginRole::~LoginRole()
{
    try {
        pqxx::connection admin{TestDatabase::adminConninfo().toStdString()};
        pqxx::nontransaction tx{admin};
        tx.exec0("DROP ROLE IF EXISTS " + tx.quote_name(m_name));
    } catch (const std::exception &e) {
        qWarning("could not drop role %s: %s", m_name.c_str(), e.what());
    }
}

void actAs(pqxx::connection &c, const std::string &role)
{
    pqxx::nontransaction tx{c};
    tx.exec0("SET SESSION AUTHORIZATION " + tx.quote_name(role));
}

} // namespace ecomops::test
