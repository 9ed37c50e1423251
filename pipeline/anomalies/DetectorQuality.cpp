#include "anomalies/DetectorQuality.h"

#include "csv/Reader.h"

#include <QFile>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <string>

namespace ecomops::anomalies {
namespace {

constexpr double kUnusualRatio = 5.0;   // "this run raised 12× the usual number of flags"
constexpr double kUnusualMinimum = 1.0; // per 1,000 lines: below it, a ratio means little

// The generator's manifest (table,line,key,kind,detail) into pg_temp.planted_line:
// the anomaly_quantity rows, whose key is "order_id:line_no".
bool loadPlanted(pqxx::transaction_base &tx, const QString &path)
{
    if (path.isEmpty() || !QFile::exists(path))
        return false;
    tx.exec0("DROP TABLE IF EXISTS pg_temp.planted_line");
    tx.exec0("CREATE TEMP TABLE planted_line (order_id text NOT NULL, line_no integer NOT NULL) ON COMMIT DROP");
    csv::Reader reader(QFile::encodeName(path).toStdString());
    pqxx::stream_to out{tx, "planted_line", std::vector<std::string>{"order_id", "line_no"}};
    for (csv::Outcome o = reader.next(); o != csv::Outcome::End; o = reader.next()) {
        if (o != csv::Outcome::Record)
            continue;
        const csv::Record &r = reader.record();
        if (r.fields.size() < 4 || r.fields[3] != "anomaly_quantity")
            continue;
        const std::string_view key = r.fields[2];
        const std::size_t colon = key.rfind(':');
        if (colon == std::string_view::npos)
            continue;
        out << std::make_tuple(std::string(key.substr(0, colon)), std::stoi(std::string(key.substr(colon + 1))));
    }
    out.complete();
    return true;
}

} // namespace

std::optional<double> DetectorQuality::ratioToUsual() const
{
    if (!usualPerThousand || *usualPerThousand <= 0)
        return std::nullopt;
    return flagsPerThousand() / *usualPerThousand;
}

bool DetectorQuality::unusuallyHigh() const
{
    const auto ratio = ratioToUsual();
    return ratio && *ratio >= kUnusualRatio && flagsPerThousand() >= kUnusualMinimum;
}

std::optional<double> DetectorQuality::precision() const
{
    if (!planted || flaggedLines == 0)
        return std::nullopt;
    return double(plantedFlagged) / double(flaggedLines);
}

std::optional<double> DetectorQuality::recall() const
{
    if (!planted || plantedLines == 0)
        return std::nullopt;
    return double(plantedFlagged) / double(plantedLines);
}

QString DetectorQuality::summary() const
{
    QString text = QStringLiteral("detector: %1 flags per 1,000 lines (%2 of %3)")
                       .arg(flagsPerThousand(), 0, 'f', 1)
                       .arg(flaggedLines)
                       .arg(lines);
    if (usualPerThousand)
        text += QStringLiteral(", usual %1 over %2 earlier runs").arg(*usualPerThousand, 0, 'f', 1).arg(earlierRuns);
    if (unusuallyHigh())
        text += QStringLiteral(" — %1× the usual: check the detector settings or the source")
                    .arg(*ratioToUsual(), 0, 'f', 0);
    if (planted)
        text += QStringLiteral("; against the planted truth: precision %1, recall %2 (%3 of %4 planted lines)")
                    .arg(precision() ? QString::number(*precision(), 'f', 2) : QStringLiteral("–"))
                    .arg(recall() ? QString::number(*recall(), 'f', 2) : QStringLiteral("–"))
                    .arg(plantedFlagged)
                    .arg(plantedLines);
    return text;
}

nlohmann::json DetectorQuality::toJson() const
{
    auto optional = [](const std::optional<double> &v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    nlohmann::json j = {{"lines", lines},
                        {"flagged_lines", flaggedLines},
                        {"flags_per_1000_lines", flagsPerThousand()},
                        {"usual_flags_per_1000_lines", optional(usualPerThousand)},
                        {"earlier_runs", earlierRuns},
                        {"unusually_high", unusuallyHigh()}};
    if (planted) {
        j["planted_lines"] = plantedLines;
        j["planted_flagged"] = plantedFlagged;
        j["precision"] = optional(precision());
        j["recall"] = optional(recall());
    }
    return j;
}

DetectorQuality DetectorQuality::fromJson(const nlohmann::json &j)
{
    DetectorQuality q;
    if (!j.is_object())
        return q;
    q.lines = j.value("lines", qint64(0));
    q.flaggedLines = j.value("flagged_lines", qint64(0));
    if (j.contains("usual_flags_per_1000_lines") && j["usual_flags_per_1000_lines"].is_number())
        q.usualPerThousand = j["usual_flags_per_1000_lines"].get<double>();
    q.earlierRuns = j.value("earlier_runs", qint64(0));
    q.planted = j.contains("planted_lines");
    q.plantedLines = j.value("planted_lines", qint64(0));
    q.plantedFlagged = j.value("planted_flagged", qint64(0));
    return q;
}

DetectorQuality measureDetector(pqxx::transaction_base &tx, qint64 runId, const AnomalyOptions &options,
                                const QString &plantedCsv, const QString &sourceKind)
{
    DetectorQuality q;
    // ops.anomaly_line_counts takes the excluded statuses in lower case
    // (the operator running this may not call ops.lower_statuses).
    std::string excluded = "ARRAY[]::text[]";
    {
        std::string list;
        for (const std::string &status : options.excludedStatuses)
            list += (list.empty() ? "" : ", ") + tx.quote(QString::fromStdString(status).toLower().toStdString());
        if (!list.empty())
            excluded = "ARRAY[" + list + "]";
    }
    // The lines of this run the detector looks at (the same predicate as
    // ops.flag_anomalies), and which of them carry a flag.
    const std::string lines =
        "SELECT l.order_id, l.line_no FROM dw.fact_order_line l WHERE l.updated_run_id = " + std::to_string(runId) +
        " AND ops.anomaly_line_counts(l.status, l.quantity, " + excluded + ")";
    const pqxx::row counts = tx.exec1("SELECT count(*), count(f.flag_id) FROM (" + lines +
                                      ") l LEFT JOIN ops.anomaly_flag f USING (order_id, line_no)");
    q.lines = counts[0].as<qint64>();
    q.flaggedLines = counts[1].as<qint64>();
    // Earlier published runs of the same source that measured themselves.
    const pqxx::row usual = tx.exec_params1(
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY rate), count(*) FROM (SELECT "
        "(summary -> 'detector' ->> 'flags_per_1000_lines')::float8 AS rate FROM ops.pipeline_run "
        "WHERE run_id < $1 AND source_kind = $2 AND status = 'succeeded' AND summary -> 'detector' IS NOT NULL "
        "ORDER BY run_id DESC LIMIT 10) r",
        runId, sourceKind.toStdString());
    q.earlierRuns = usual[1].as<qint64>();
    if (!usual[0].is_null())
        q.usualPerThousand = usual[0].as<double>();
    if (loadPlanted(tx, plantedCsv)) {
        q.planted = true;
        const pqxx::row p = tx.exec1("SELECT count(*), count(f.flag_id) FROM (" + lines +
                                     ") l JOIN pg_temp.planted_line USING (order_id, line_no) "
                                     "LEFT JOIN ops.anomaly_flag f USING (order_id, line_no)");
        q.plantedLines = p[0].as<qint64>();
        q.plantedFlagged = p[1].as<qint64>();
    }
    return q;
}

} // namespace ecomops::anomalies
