#include "anomalies/Detection.h"

#include "anomalies/AnomalyError.h"
#include "anomalies/Roles.h"
#include "anomalies/SqlSupport.h"
#include "core/Cancellation.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <pqxx/pqxx>

#include <optional>

namespace ecomops::anomalies {
namespace {

const QString kAction = QStringLiteral("detect anomalies");
constexpr const char *kQueryCanceled = "57014";

std::optional<qint64> runParameter(qint64 runId)
{
    return runId > 0 ? std::optional<qint64>(runId) : std::nullopt;
}

BaselineReport computeBaselines(pqxx::transaction_base &tx, const AnomalyOptions &options, qint64 runId,
                                bool reuseFresh)
{
    if (const std::string error = options.validationError(); !error.empty())
        throw AnomalyError(QStringLiteral("anomaly options: %1").arg(QString::fromStdString(error)));
    QElapsedTimer timer;
    timer.start();
    std::optional<std::string> reuseWithin;
    if (reuseFresh && options.baselineMaxAgeDays > 0)
        reuseWithin = std::to_string(options.baselineMaxAgeDays) + " days";
    const pqxx::row r =
        tx.exec_params1("SELECT products, products_with_history, lines, resolved_lines, removed "
                        "FROM ops.refresh_anomaly_baselines($1, $2, $3, $4, $5::text[], $6, $7::interval)",
                        methodName(options.method), options.k, options.minHistory, options.minSigma,
                        sql::textArrayLiteral(options.excludedStatuses), runParameter(runId), reuseWithin);
    BaselineReport report;
    report.products = r[0].as<qint64>();
    report.productsWithHistory = r[1].as<qint64>();
    report.lines = r[2].as<qint64>();
    report.resolvedLinesExcluded = r[3].as<qint64>();
    report.removed = r[4].as<qint64>();
    report.elapsedMs = timer.elapsed();
    return report;
}

} // namespace

QStringList DetectionReport::productIds() const
{
    QStringList ids;
    for (const ProductFlags &p : products)
        ids.append(p.productId);
    return ids;
}

QString DetectionReport::summary(int maxProducts) const
{
    if (skipped)
        return QCoreApplication::translate("anomalies", "anomaly detection is turned off");
    if (newFlags == 0)
        return QCoreApplication::translate("anomalies", "no new anomaly flags");
    QStringList parts;
    for (int i = 0; i < products.size() && i < maxProducts; ++i)
        parts.append(QStringLiteral("%1 (%2)").arg(products[i].productId).arg(products[i].newFlags));
    if (products.size() > maxProducts)
        parts.append(QCoreApplication::translate("anomalies", "and %1 more").arg(products.size() - maxProducts));
    const QString flags = newFlags == 1
                              ? QCoreApplication::translate("anomalies", "1 new anomaly flag")
                              : QCoreApplication::translate("anomalies", "%1 new anomaly flags").arg(newFlags);
    const QString on = products.size() == 1
                           ? QCoreApplication::translate("anomalies", "1 product")
                           : QCoreApplication::translate("anomalies", "%1 products").arg(products.size());
    return QCoreApplication::translate("anomalies", "%1 on %2: %3").arg(flags, on, parts.join(QStringLiteral(", ")));
}

DetectionReport detect(pqxx::transaction_base &tx, qint64 runId, const AnomalyOptions &options, StageObserver &observer)
{
    DetectionReport report;
    QElapsedTimer timer;
    timer.start();
    if (!options.enabled) {
        report.skipped = true;
        return report;
    }
    const auto checkCancel = [&observer] {
        if (observer.cancelRequested())
            throw CancelledError();
    };
    QString role;
    try {
        checkCancel();
        role = QString::fromStdString(tx.exec1("SELECT current_user")[0].as<std::string>());
        observer.progress(QStringLiteral("anomaly_baseline"), 0, 2);
        report.baselines = computeBaselines(tx, options, runId, true);
        observer.log(LogLevel::Info,
                     QStringLiteral("baselines (%1, k %2, min history %3): %4 products computed, %5 with enough "
                                    "history, %6 lines, %7 RESOLVED lines left out, in %8 ms")
                         .arg(QString::fromStdString(methodName(options.method)))
                         .arg(options.k)
                         .arg(options.minHistory)
                         .arg(report.baselines.products)
                         .arg(report.baselines.productsWithHistory)
                         .arg(report.baselines.lines)
                         .arg(report.baselines.resolvedLinesExcluded)
                         .arg(report.baselines.elapsedMs));
        checkCancel();
        observer.progress(QStringLiteral("anomaly_flag"), 1, 2);
        const pqxx::result rows = tx.exec_params("SELECT product_id, new_flags FROM ops.flag_anomalies($1, $2::text[])",
                                                 runParameter(runId), sql::textArrayLiteral(options.excludedStatuses));
        for (const pqxx::row &r : rows) {
            ProductFlags p{QString::fromStdString(r[0].as<std::string>()), r[1].as<qint64>()};
            report.newFlags += p.newFlags;
            report.products.append(p);
        }
        observer.progress(QStringLiteral("anomaly_flag"), 2, 2);
    } catch (const pqxx::sql_error &e) {
        if (sqlState(e) == kQueryCanceled && observer.cancelRequested())
            throw CancelledError();
        if (sqlState(e) == kPermissionDenied) {
            throw PermissionDenied(permissionMessage(role, kAction, QString::fromLatin1(kOperatorRole)),
                                   QString::fromUtf8(e.what()).trimmed());
        }
        throw;
    }
    report.elapsedMs = timer.elapsed();
    observer.tableFinished(
        {QStringLiteral("detect"), QStringLiteral("anomaly_flag"), report.newFlags, report.newFlags, 0});
    return report; // the caller reports report.summary() (the runner logs it and puts it in the run summary)
}

BaselineReport refreshBaselines(pqxx::transaction_base &tx, const AnomalyOptions &options, qint64 runId)
{
    return computeBaselines(tx, options, runId, false);
}

BaselineReport refreshBaselines(pqxx::connection &conn, const AnomalyOptions &options)
{
    try {
        pqxx::work tx{conn};
        BaselineReport report = computeBaselines(tx, options, 0, false);
        tx.commit();
        return report;
    } catch (...) {
        rethrowReadable(conn, QStringLiteral("refresh anomaly baselines"), QString::fromLatin1(kOperatorRole));
    }
}

} // namespace ecomops::anomalies
