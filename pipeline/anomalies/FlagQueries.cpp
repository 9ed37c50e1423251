#include "anomalies/FlagQueries.h"

#include "anomalies/AnomalyError.h"
#include "anomalies/Roles.h"
#include "anomalies/SqlSupport.h"

#include <QCoreApplication>

#include <pqxx/pqxx>

namespace ecomops::anomalies {
namespace {

QString readAction()
{
    return QCoreApplication::translate("anomalies", "read anomaly flags");
}

// Positional parameters, all passed as text and cast in the SQL.
class Params
{
public:
    std::string add(std::string value)
    {
        m_values.push_back(std::move(value));
        return "$" + std::to_string(m_values.size());
    }
    const std::vector<std::string> &values() const { return m_values; }

private:
    std::vector<std::string> m_values;
};

std::string likePattern(const QString &text)
{
    QString escaped;
    for (QChar c : text) {
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    return QString(QLatin1Char('%') + escaped + QLatin1Char('%')).toStdString();
}

const std::string kFrom = " FROM ops.anomaly_flag f"
                          " LEFT JOIN dw.dim_product p ON p.product_id = f.product_id AND p.is_current ";

std::string whereClause(const FlagFilter &filter, Params &params, bool withStatuses)
{
    std::string sql = " WHERE true";
    if (withStatuses && !filter.statuses.isEmpty()) {
        std::vector<std::string> names;
        for (FlagStatus s : filter.statuses)
            names.push_back(statusName(s).toStdString());
        sql += " AND f.status = ANY (" + params.add(sql::textArrayLiteral(names)) + "::text[])";
    }
    if (!filter.product.trimmed().isEmpty()) {
        const std::string p = params.add(likePattern(filter.product.trimmed()));
        sql += " AND (f.product_id ILIKE " + p + " OR p.product_name ILIKE " + p + ")";
    }
    if (filter.from.isValid())
        sql += " AND f.order_date >= " + params.add(filter.from.toString(Qt::ISODate).toStdString()) + "::date";
    if (filter.to.isValid())
        sql += " AND f.order_date <= " + params.add(filter.to.toString(Qt::ISODate).toStdString()) + "::date";
    // All 17 significant digits: std::to_string keeps 6 decimals, and a
    // minimum taken from a shown flag's z-score then left that flag out.
    if (filter.minZ)
        sql += " AND f.z_score >= " + params.add(QString::number(*filter.minZ, 'g', 17).toStdString()) +
               "::double precision";
    if (filter.runId)
        sql += " AND f.run_id = " + params.add(std::to_string(*filter.runId)) + "::bigint";
    if (!filter.flagIds.isEmpty())
        sql += " AND f.flag_id = ANY (" + params.add(sql::integerArrayLiteral(filter.flagIds)) + "::bigint[])";
    if (!filter.productIds.isEmpty()) {
        std::vector<std::string> ids;
        for (const QString &id : filter.productIds)
            ids.push_back(id.toStdString());
        sql += " AND f.product_id = ANY (" + params.add(sql::textArrayLiteral(ids)) + "::text[])";
    }
    return sql;
}

std::string orderBy(const FlagSort &sort)
{
    std::string column;
    switch (sort.column) {
    case FlagColumn::FlagId:
        column = "f.flag_id";
        break;
    case FlagColumn::OrderDate:
        column = "f.order_ts";
        break;
    case FlagColumn::Product:
        column = "f.product_id";
        break;
    case FlagColumn::Quantity:
        column = "f.quantity";
        break;
    case FlagColumn::Threshold:
        column = "f.threshold";
        break;
    case FlagColumn::ZScore:
        column = "f.z_score";
        break;
    case FlagColumn::Status: // in workflow order, not alphabetical
        column = "array_position(ARRAY['NEW','REVIEWED','RESOLVED','FALSE_POSITIVE'], f.status)";
        break;
    case FlagColumn::DetectedAt:
        column = "f.detected_at";
        break;
    }
    const std::string direction = sort.descending ? " DESC" : " ASC";
    return " ORDER BY " + column + direction + ", f.flag_id" + direction;
}

const std::string kFlagColumns =
    "SELECT f.flag_id, f.order_id, f.line_no, to_char(f.order_date, 'YYYY-MM-DD'), " + sql::epochMsOf("f.order_ts") +
    ", f.product_id, p.product_name, f.customer_sk, f.quantity, f.baseline_median, f.baseline_sigma, f.threshold,"
    " f.z_score, f.method, f.k, f.min_history, f.baseline_lines, f.run_id, " +
    sql::epochMsOf("f.detected_at") + ", f.status, f.version, " + sql::epochMsOf("f.status_changed_at") +
    ", f.status_changed_by, f.status_changed_user, f.baseline_p10, f.baseline_p90,"
    " f.quantity / nullif(f.baseline_median, 0), f.quantity / nullif(f.baseline_p90, 0)";

FlagRow flagRow(const pqxx::row &r)
{
    FlagRow f;
    f.flagId = r[0].as<qint64>();
    f.orderId = sql::text(r[1]);
    f.lineNo = r[2].as<int>();
    f.orderDate = QDate::fromString(sql::text(r[3]), Qt::ISODate);
    f.orderTs = sql::epochMs(r[4]);
    f.productId = sql::text(r[5]);
    f.productName = sql::text(r[6]);
    f.customerSk = r[7].is_null() ? 0 : r[7].as<qint64>();
    f.quantity = r[8].as<int>();
    f.median = r[9].as<double>();
    f.sigma = r[10].as<double>();
    f.threshold = r[11].as<double>();
    f.zScore = r[12].as<double>();
    f.method = sql::text(r[13]);
    f.k = r[14].as<double>();
    f.minHistory = r[15].as<int>();
    f.baselineLines = r[16].as<qint64>();
    f.runId = r[17].is_null() ? 0 : r[17].as<qint64>();
    f.detectedAt = sql::epochMs(r[18]);
    f.status = flagStatusFromString(sql::text(r[19])).value_or(FlagStatus::New);
    f.version = r[20].as<int>();
    f.statusChangedAt = sql::epochMs(r[21]);
    f.statusChangedBy = sql::text(r[22]);
    f.statusChangedUser = sql::text(r[23]);
    f.usualLow = r[24].as<std::optional<double>>();
    f.usualHigh = r[25].as<std::optional<double>>();
    f.timesMedian = r[26].as<std::optional<double>>();
    f.timesUsualHigh = r[27].as<std::optional<double>>();
    return f;
}

QList<AnomalyEvent> readEvents(pqxx::transaction_base &tx, qint64 flagId)
{
    QList<AnomalyEvent> events;
    const pqxx::result rows =
        tx.exec_params("SELECT event_id, flag_id, " + sql::epochMsOf("at") +
                           ", db_role, session_role, console_user, from_status, to_status, note, is_reopen, version"
                           " FROM ops.anomaly_event WHERE flag_id = $1 ORDER BY event_id",
                       flagId);
    for (const pqxx::row &r : rows) {
        AnomalyEvent e;
        e.eventId = r[0].as<qint64>();
        e.flagId = r[1].as<qint64>();
        e.at = sql::epochMs(r[2]);
        e.dbRole = sql::text(r[3]);
        e.sessionRole = sql::text(r[4]);
        e.consoleUser = sql::text(r[5]);
        e.from = flagStatusFromString(sql::text(r[6])).value_or(FlagStatus::New);
        e.to = flagStatusFromString(sql::text(r[7])).value_or(FlagStatus::New);
        e.note = sql::optionalText(r[8]);
        e.reopen = r[9].as<bool>();
        e.version = r[10].as<int>();
        events.append(e);
    }
    return events;
}

std::optional<FlagRow> readFlag(pqxx::transaction_base &tx, qint64 flagId)
{
    const pqxx::result rows = tx.exec_params(kFlagColumns + kFrom + " WHERE f.flag_id = $1", flagId);
    if (rows.empty())
        return std::nullopt;
    return flagRow(rows[0]);
}

// Runs `body` in a read-only transaction; failures become AnomalyError.
template <typename Body> auto reading(pqxx::connection &conn, Body body)
{
    try {
        pqxx::read_transaction tx{conn};
        return body(tx);
    } catch (...) {
        rethrowReadable(conn, readAction(), QString::fromLatin1(kStewardRole));
    }
}

} // namespace

qint64 FlagQueries::count(const FlagFilter &filter) const
{
    return reading(m_conn, [&](pqxx::transaction_base &tx) {
        Params params;
        const std::string sql = "SELECT count(*)" + kFrom + whereClause(filter, params, true);
        return tx.exec_params1(sql, pqxx::prepare::make_dynamic_params(params.values()))[0].as<qint64>();
    });
}

QMap<FlagStatus, qint64> FlagQueries::countByStatus(const FlagFilter &filter) const
{
    return reading(m_conn, [&](pqxx::transaction_base &tx) {
        Params params;
        const std::string sql =
            "SELECT f.status, count(*)" + kFrom + whereClause(filter, params, false) + " GROUP BY f.status";
        QMap<FlagStatus, qint64> counts;
        for (FlagStatus s : allFlagStatuses())
            counts.insert(s, 0);
        for (const pqxx::row &r : tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params.values()))) {
            if (const auto status = flagStatusFromString(sql::text(r[0])))
                counts[*status] = r[1].as<qint64>();
        }
        return counts;
    });
}

QList<FlagRow> FlagQueries::page(const FlagFilter &filter, const FlagSort &sort, qint64 offset, int limit) const
{
    return reading(m_conn, [&](pqxx::transaction_base &tx) {
        Params params;
        std::string sql = kFlagColumns + kFrom + whereClause(filter, params, true) + orderBy(sort);
        sql += " OFFSET " + params.add(std::to_string(std::max<qint64>(offset, 0))) + "::bigint";
        sql += " LIMIT " + params.add(std::to_string(std::max(limit, 0))) + "::integer";
        QList<FlagRow> rows;
        for (const pqxx::row &r : tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params.values())))
            rows.append(flagRow(r));
        return rows;
    });
}

std::optional<FlagRow> FlagQueries::flag(qint64 flagId) const
{
    return reading(m_conn, [&](pqxx::transaction_base &tx) { return readFlag(tx, flagId); });
}

QList<AnomalyEvent> FlagQueries::auditTrail(qint64 flagId) const
{
    return reading(m_conn, [&](pqxx::transaction_base &tx) { return readEvents(tx, flagId); });
}

std::optional<FlagDetail> FlagQueries::detail(qint64 flagId, int historyLimit) const
{
    return reading(m_conn, [&](pqxx::transaction_base &tx) -> std::optional<FlagDetail> {
        const std::optional<FlagRow> flag = readFlag(tx, flagId);
        if (!flag)
            return std::nullopt;
        FlagDetail d;
        d.flag = *flag;
        const std::string orderId = flag->orderId.toStdString();
        const std::string productId = flag->productId.toStdString();

        const pqxx::result line = tx.exec_params(
            "SELECT c.customer_id, l.status, l.channel, l.country_code, l.unit_price::text, l.line_total::text"
            " FROM dw.fact_order_line l LEFT JOIN dw.dim_customer c ON c.customer_sk = l.customer_sk"
            " WHERE l.order_id = $1 AND l.line_no = $2",
            orderId, flag->lineNo);
        if (!line.empty()) {
            d.line.found = true;
            d.line.customerId = sql::text(line[0][0]);
            d.line.status = sql::text(line[0][1]);
            d.line.channel = sql::text(line[0][2]);
            d.line.countryCode = sql::text(line[0][3]);
            d.line.unitPrice = sql::text(line[0][4]);
            d.line.lineTotal = sql::text(line[0][5]);
        }

        const pqxx::result baseline =
            tx.exec_params("SELECT method, k, min_history, min_sigma, lines, resolved_lines, median, sigma, threshold, "
                           "enough_history, " +
                               sql::epochMsOf("computed_at") + " FROM ops.anomaly_baseline WHERE product_id = $1",
                           productId);
        if (!baseline.empty()) {
            const pqxx::row &b = baseline[0];
            BaselineInfo info;
            info.method = sql::text(b[0]);
            info.k = b[1].as<double>();
            info.minHistory = b[2].as<int>();
            info.minSigma = b[3].as<double>();
            info.lines = b[4].as<qint64>();
            info.resolvedLines = b[5].as<qint64>();
            info.median = b[6].as<double>();
            info.sigma = b[7].as<double>();
            info.threshold = b[8].as<double>();
            info.enoughHistory = b[9].as<bool>();
            info.computedAt = sql::epochMs(b[10]);
            d.baseline = info;
        }

        const pqxx::result history =
            tx.exec_params("SELECT * FROM ("
                           " SELECT " +
                               sql::epochMsOf("l.order_ts") +
                               " AS ts, l.order_id, l.line_no, l.quantity,"
                               "  ops.anomaly_line_counts(l.status, l.quantity, coalesce(b.excluded_statuses, "
                               "ARRAY['cancelled', 'refunded']))"
                               "   AND f.status IS DISTINCT FROM 'RESOLVED',"
                               "  f.flag_id, f.status"
                               " FROM dw.fact_order_line l"
                               " LEFT JOIN ops.anomaly_baseline b ON b.product_id = l.product_id"
                               " LEFT JOIN ops.anomaly_flag f ON f.order_id = l.order_id AND f.line_no = l.line_no"
                               " WHERE l.product_id = $1"
                               " ORDER BY l.order_ts DESC, l.order_id DESC, l.line_no DESC LIMIT $2) h"
                               " ORDER BY h.ts, h.order_id, h.line_no",
                           productId, std::max(historyLimit, 0));
        for (const pqxx::row &r : history) {
            QuantityPoint p;
            p.orderTs = sql::epochMs(r[0]);
            p.orderId = sql::text(r[1]);
            p.lineNo = r[2].as<int>();
            p.quantity = r[3].as<int>();
            p.counted = r[4].as<bool>();
            p.flagId = r[5].is_null() ? 0 : r[5].as<qint64>();
            if (!r[6].is_null())
                p.flagStatus = flagStatusFromString(sql::text(r[6]));
            d.history.append(p);
        }
        d.events = readEvents(tx, flagId);
        return d;
    });
}

} // namespace ecomops::anomalies
