#include "warehouse/Warehouse.h"

#include "core/Cancellation.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

#include <pqxx/pqxx>

Q_LOGGING_CATEGORY(lcWarehouse, "ecomops.pipeline.warehouse")

namespace ecomops::warehouse {
namespace {

const QString kTransformStage = QStringLiteral("transform");
const QString kMartsStage = QStringLiteral("marts");
constexpr const char *kQueryCanceled = "57014";

void throwIfCancelled(const StageObserver &observer)
{
    if (observer.cancelRequested())
        throw CancelledError();
}

// Runs one step, timing it; a statement interrupted because the user asked
// to cancel becomes CancelledError, anything else propagates unchanged.
template <typename Body> qint64 runStep(StageObserver &observer, const QString &what, Body body)
{
    throwIfCancelled(observer);
    QElapsedTimer timer;
    timer.start();
    try {
        body();
    } catch (const pqxx::sql_error &e) {
        if (e.sqlstate() == kQueryCanceled && observer.cancelRequested())
            throw CancelledError();
        observer.log(LogLevel::Error, QStringLiteral("%1 failed: %2").arg(what, QString::fromUtf8(e.what()).trimmed()));
        throw;
    }
    return timer.elapsed();
}

QString secondsText(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 2);
}

std::string textArray(const std::vector<std::string> &values, pqxx::transaction_base &tx)
{
    std::string out = "ARRAY[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += tx.quote(values[i]);
    }
    return out + "]::text[]";
}

std::string numberOrNull(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'g', 10).toStdString() : std::string("NULL");
}

} // namespace

qint64 TransformReport::rowsRead() const
{
    qint64 n = 0;
    for (const TableCounts &t : tables)
        n += t.read;
    return n;
}

qint64 TransformReport::rowsLoaded() const
{
    qint64 n = 0;
    for (const TableCounts &t : tables)
        n += t.loaded;
    return n;
}

qint64 TransformReport::rowsRejected() const
{
    qint64 n = 0;
    for (const TableCounts &t : tables)
        n += t.rejected;
    return n;
}

QStringList transformSteps(pqxx::transaction_base &tx)
{
    QStringList steps;
    for (const auto &row : tx.exec("SELECT step FROM dw.transform_steps() ORDER BY step_no"))
        steps << QString::fromStdString(row[0].as<std::string>());
    return steps;
}

const QStringList &materializedMarts()
{
    static const QStringList marts = {
        QStringLiteral("order_summary"),           QStringLiteral("revenue_daily"),
        QStringLiteral("revenue_monthly"),         QStringLiteral("product_revenue_daily"),
        QStringLiteral("category_revenue_daily"),  QStringLiteral("cohort_retention"),
        QStringLiteral("customer_lifetime_value"), QStringLiteral("revenue_forecast")};
    return marts;
}

void createRunPartitions(pqxx::transaction_base &tx, qint64 runId)
{
    const pqxx::result statements = tx.exec_params(
        "SELECT format('CREATE TABLE IF NOT EXISTS staging.%I PARTITION OF staging.%I FOR VALUES IN (%s)', "
        "              c.relname || '_r' || $1::text, c.relname, $1::bigint) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'staging' AND c.relkind = 'p' ORDER BY c.relname",
        runId);
    for (const auto &row : statements)
        tx.exec0(row[0].as<std::string>());
}

TransformReport transform(pqxx::transaction_base &tx, qint64 runId, const WarehouseOptions &options,
                          StageObserver &observer)
{
    if (const std::string error = options.validationError(); !error.empty())
        throw WarehouseError("warehouse options: " + error);
    if (tx.exec_params("SELECT 1 FROM ops.pipeline_run WHERE run_id = $1", runId).empty())
        throw WarehouseError("run " + std::to_string(runId) + " does not exist in ops.pipeline_run");

    TransformReport report;
    QElapsedTimer total;
    total.start();
    for (const QString &step : transformSteps(tx)) {
        observer.progress(step, 0, -1);
        QList<TableCounts> counts;
        TimeSpan span{TimeSpan::nowUs(), 0};
        const qint64 ms = runStep(observer, QStringLiteral("transform %1").arg(step), [&] {
            const pqxx::result r =
                tx.exec_params("SELECT table_name, rows_read, rows_loaded, rows_quarantined FROM dw." +
                                   tx.quote_name("transform_" + step.toStdString()) + "($1)",
                               runId);
            for (const auto &row : r) {
                TableCounts c;
                c.stage = kTransformStage;
                c.table = QString::fromStdString(row[0].as<std::string>());
                c.read = row[1].as<qint64>();
                c.loaded = row[2].as<qint64>();
                c.rejected = row[3].as<qint64>(); // quarantined by the transform: split-stream rejects
                counts.append(c);
            }
        });
        span.endedUs = TimeSpan::nowUs();
        report.steps.append({step, ms});
        for (const TableCounts &c : counts) {
            report.tableSpans[c.table].cover(span);
            if (!c.reconciles())
                throw WarehouseError("transform " + c.table.toStdString() + " does not reconcile: read " +
                                     std::to_string(c.read) + " ≠ loaded " + std::to_string(c.loaded) + " + rejected " +
                                     std::to_string(c.rejected));
            observer.progress(c.table, c.read, c.read);
            observer.tableFinished(c);
            observer.log(
                c.rejected > 0 ? LogLevel::Warning : LogLevel::Info,
                QStringLiteral("%1: %2 rows read, %3 reached the warehouse, %4 rejected as unresolvable in %5 s")
                    .arg(c.table)
                    .arg(c.read)
                    .arg(c.loaded)
                    .arg(c.rejected)
                    .arg(secondsText(ms)));
            report.tables.append(c);
        }
    }

    const pqxx::row changes =
        tx.exec_params1("SELECT (SELECT count(*) FROM dw.dim_product WHERE created_run_id = $1), "
                        "       (SELECT count(*) FROM dw.dim_customer WHERE created_run_id = $1), "
                        "       (SELECT count(*) FROM dw.dim_country_conflict WHERE first_run_id = $1)",
                        runId);
    report.productVersionsCreated = changes[0].as<qint64>();
    report.customerVersionsCreated = changes[1].as<qint64>();
    report.countryConflictsRecorded = changes[2].as<qint64>();
    report.elapsedMs = total.elapsed();
    observer.log(LogLevel::Info,
                 QStringLiteral("%1 product versions and %2 customer versions opened; transform took %3 s")
                     .arg(report.productVersionsCreated)
                     .arg(report.customerVersionsCreated)
                     .arg(secondsText(report.elapsedMs)));
    if (report.countryConflictsRecorded > 0) {
        observer.log(
            LogLevel::Warning,
            QStringLiteral("%1 country values differ from the loaded ones; recorded in dw.dim_country_conflict, "
                           "not applied (countries never change once loaded)")
                .arg(report.countryConflictsRecorded));
    }
    qCInfo(lcWarehouse) << "transform of run" << runId << "took" << report.elapsedMs << "ms";
    return report;
}

MartReport refreshMarts(pqxx::transaction_base &tx, const WarehouseOptions &options, StageObserver &observer)
{
    if (const std::string error = options.validationError(); !error.empty())
        throw WarehouseError("warehouse options: " + error);
    std::vector<std::string> statuses;
    for (const std::string &s : options.revenueStatuses)
        statuses.push_back(QString::fromStdString(s).toLower().toStdString());

    MartReport report;
    QElapsedTimer total;
    total.start();
    runStep(observer, QStringLiteral("marts settings"), [&] {
        tx.exec0("UPDATE mart.settings SET revenue_statuses = " + textArray(statuses, tx) +
                 ", churn_days = " + std::to_string(options.churnDays) +
                 ", forecast_horizon_days = " + std::to_string(options.forecastHorizonDays) +
                 ", forecast_season_days = " + std::to_string(options.forecastSeasonDays) + ", forecast_alpha = " +
                 numberOrNull(options.forecastAlpha) + ", forecast_gamma = " + numberOrNull(options.forecastGamma) +
                 ", forecast_z = " + QString::number(options.forecastZ(), 'g', 10).toStdString());
    });
    for (const QString &mart : materializedMarts()) {
        const std::string name = "mart." + mart.toStdString();
        observer.progress(mart, 0, -1);
        qint64 rows = 0;
        const qint64 ms = runStep(observer, QStringLiteral("refresh of %1").arg(mart), [&] {
            // CONCURRENTLY needs a populated view; the migrations create them
            // populated, but someone may have run REFRESH … WITH NO DATA.
            const bool populated =
                tx.exec_params1("SELECT relispopulated FROM pg_class WHERE oid = $1::regclass", name)[0].as<bool>();
            // REFRESH is the owner's: ops.refresh_mart lets an operator.
            tx.exec_params("SELECT ops.refresh_mart($1, $2)", mart.toStdString(),
                           options.concurrentRefresh && populated);
            rows = tx.exec1("SELECT count(*) FROM " + name)[0].as<qint64>();
        });
        report.steps.append({mart, ms});
        const TableCounts c{kMartsStage, mart, rows, rows, 0};
        observer.progress(mart, rows, rows);
        observer.tableFinished(c);
        report.marts.append(c);
    }
    tx.exec0("UPDATE mart.settings SET refreshed_at = now()");
    report.elapsedMs = total.elapsed();
    observer.log(
        LogLevel::Info,
        QStringLiteral("%1 marts refreshed in %2 s").arg(report.marts.size()).arg(secondsText(report.elapsedMs)));
    return report;
}

} // namespace ecomops::warehouse
