#include "anomalies/SettingsPreview.h"

#include "anomalies/AnomalyError.h"
#include "anomalies/Roles.h"
#include "anomalies/SqlSupport.h"

#include <QCoreApplication>

#include <pqxx/pqxx>

namespace ecomops::anomalies {

SettingsPreview previewSettings(pqxx::connection &connection, const AnomalyOptions &options)
{
    const std::string problem = options.validationError();
    if (!problem.empty())
        throw AnomalyError(QString::fromStdString(problem));
    try {
        pqxx::read_transaction tx{connection};
        const pqxx::row r = tx.exec_params1(
            "WITH last AS (SELECT coalesce(max(run_id), 0) AS run_id FROM ops.pipeline_run WHERE status = 'succeeded') "
            "SELECT (SELECT run_id FROM last), "
            "       (SELECT count(*) FROM ops.preview_anomaly_flags($1, $2, $3, $4, $5::text[]) p "
            "        LEFT JOIN ops.anomaly_flag f ON f.order_id = p.order_id AND f.line_no = p.line_no "
            "        WHERE f.flag_id IS NULL OR f.run_id = (SELECT run_id FROM last)), "
            "       (SELECT count(*) FROM ops.anomaly_flag WHERE run_id = (SELECT run_id FROM last))",
            methodName(options.method), options.k, options.minHistory, options.minSigma,
            sql::textArrayLiteral(options.excludedStatuses));
        return {r[0].as<qint64>(), r[1].as<qint64>(), r[2].as<qint64>()};
    } catch (...) {
        rethrowReadable(connection, QCoreApplication::translate("anomalies", "preview the detector settings"),
                        QString::fromLatin1(kStewardRole));
    }
}

SettingsPreview previewSettings(const QString &conninfo, const AnomalyOptions &options)
{
    pqxx::connection connection{conninfo.toStdString()};
    return previewSettings(connection, options);
}

} // namespace ecomops::anomalies
