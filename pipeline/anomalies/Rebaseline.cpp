#include "anomalies/Rebaseline.h"

#include "anomalies/AnomalyError.h"
#include "anomalies/Roles.h"
#include "anomalies/SqlSupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <cmath>

#include <pqxx/pqxx>

namespace ecomops::anomalies {
namespace {

std::optional<double> optionalDouble(const pqxx::field &f)
{
    return f.is_null() ? std::nullopt : std::optional<double>(f.as<double>());
}

std::optional<qint64> optionalInteger(const pqxx::field &f)
{
    return f.is_null() ? std::nullopt : std::optional<qint64>(f.as<qint64>());
}

} // namespace

double BaselineChange::absoluteChange() const
{
    return std::fabs(thresholdAfter.value_or(0.0) - thresholdBefore.value_or(0.0));
}

QString describeSettings(const AnomalyOptions &options)
{
    QStringList excluded;
    for (const std::string &s : options.excludedStatuses)
        excluded.append(QString::fromStdString(s));
    return QCoreApplication::translate("anomalies", "%1, k %2, min history %3, min σ %4, excluded statuses: %5")
        .arg(QString::fromStdString(methodName(options.method)))
        .arg(options.k)
        .arg(options.minHistory)
        .arg(options.minSigma)
        .arg(excluded.isEmpty() ? QCoreApplication::translate("anomalies", "none")
                                : excluded.join(QStringLiteral(", ")));
}

std::optional<AnomalyOptions> recordedBaselineSettings(pqxx::connection &conn)
{
    try {
        pqxx::read_transaction tx{conn};
        const pqxx::result r =
            tx.exec("SELECT method, k, min_history, min_sigma, excluded_statuses FROM ops.anomaly_baseline "
                    "ORDER BY computed_at DESC, product_id LIMIT 1");
        if (r.empty())
            return std::nullopt;
        AnomalyOptions options;
        options.method = methodFromString(r[0][0].as<std::string>());
        options.k = r[0][1].as<double>();
        options.minHistory = r[0][2].as<int>();
        options.minSigma = r[0][3].as<double>();
        options.excludedStatuses.clear();
        auto array = r[0][4].as_array();
        for (auto item = array.get_next(); item.first != pqxx::array_parser::juncture::done; item = array.get_next()) {
            if (item.first == pqxx::array_parser::juncture::string_value)
                options.excludedStatuses.push_back(item.second);
        }
        return options;
    } catch (...) {
        rethrowReadable(conn, QCoreApplication::translate("anomalies", "recompute the anomaly baselines"),
                        QString::fromLatin1(kStewardRole));
    }
}

RebaselineReport rebaseline(pqxx::connection &conn, const AnomalyOptions &options)
{
    if (const std::string error = options.validationError(); !error.empty())
        throw AnomalyError(QStringLiteral("anomaly options: %1").arg(QString::fromStdString(error)));
    RebaselineReport report;
    report.options = options;
    QElapsedTimer timer;
    timer.start();
    try {
        pqxx::work tx{conn};
        const pqxx::result rows = tx.exec_params(
            "SELECT product_id, threshold_before, threshold_after, median_before, median_after, sigma_before, "
            "sigma_after, lines_before, lines_after, enough_history "
            "FROM ops.rebaseline_anomalies($1, $2, $3, $4, $5::text[])",
            methodName(options.method), options.k, options.minHistory, options.minSigma,
            sql::textArrayLiteral(options.excludedStatuses));
        report.changed.reserve(rows.size());
        for (const pqxx::row &r : rows) {
            BaselineChange c;
            c.productId = sql::text(r[0]);
            c.thresholdBefore = optionalDouble(r[1]);
            c.thresholdAfter = optionalDouble(r[2]);
            c.medianBefore = optionalDouble(r[3]);
            c.medianAfter = optionalDouble(r[4]);
            c.sigmaBefore = optionalDouble(r[5]);
            c.sigmaAfter = optionalDouble(r[6]);
            c.linesBefore = optionalInteger(r[7]);
            c.linesAfter = optionalInteger(r[8]);
            c.enoughHistory = r[9].as<bool>();
            report.changed.push_back(std::move(c));
        }
        // Every baseline was just recomputed, so the table is the summary.
        const pqxx::row s = tx.exec1("SELECT count(*), count(*) FILTER (WHERE enough_history), "
                                     "coalesce(sum(lines), 0)::bigint FROM ops.anomaly_baseline");
        report.products = s[0].as<qint64>();
        report.productsWithHistory = s[1].as<qint64>();
        report.lines = s[2].as<qint64>();
        tx.commit();
    } catch (...) {
        rethrowReadable(conn, QCoreApplication::translate("anomalies", "recompute the anomaly baselines"),
                        QString::fromLatin1(kStewardRole));
    }
    report.elapsedMs = timer.elapsed();
    return report;
}

RebaselineReport rebaseline(const QString &conninfo, const AnomalyOptions &options)
{
    pqxx::connection connection{conninfo.toStdString()};
    return rebaseline(connection, options);
}

} // namespace ecomops::anomalies
