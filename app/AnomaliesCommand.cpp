#include "AnomaliesCommand.h"

#include "DatabaseOptions.h"
#include "Terminal.h"

#include "anomalies/AnomalyError.h"
#include "anomalies/Rebaseline.h"

#include <QCommandLineParser>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <optional>

namespace ecomops::app {
namespace {

// How many changed products the text output lists; --json lists them all.
constexpr std::size_t kListed = 20;

nlohmann::json optionalJson(const std::optional<double> &v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json optionalJson(const std::optional<qint64> &v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

QString number(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'f', 3) : QStringLiteral("none");
}

QString count(const std::optional<qint64> &v)
{
    return v ? QString::number(*v) : QStringLiteral("0");
}

nlohmann::json toJson(const anomalies::RebaselineReport &r, const QString &settingsSource)
{
    nlohmann::json changed = nlohmann::json::array();
    for (const anomalies::BaselineChange &c : r.changed) {
        changed.push_back({{"product_id", c.productId.toStdString()},
                           {"threshold_before", optionalJson(c.thresholdBefore)},
                           {"threshold_after", optionalJson(c.thresholdAfter)},
                           {"median_before", optionalJson(c.medianBefore)},
                           {"median_after", optionalJson(c.medianAfter)},
                           {"sigma_before", optionalJson(c.sigmaBefore)},
                           {"sigma_after", optionalJson(c.sigmaAfter)},
                           {"lines_before", optionalJson(c.linesBefore)},
                           {"lines_after", optionalJson(c.linesAfter)},
                           {"enough_history", c.enoughHistory}});
    }
    return {{"settings", r.options.toJson()},
            {"settings_source", settingsSource.toStdString()},
            {"products", r.products},
            {"products_with_history", r.productsWithHistory},
            {"lines", r.lines},
            {"changed_count", r.changed.size()},
            {"changed", changed},
            {"elapsed_ms", r.elapsedMs}};
}

void printText(const anomalies::RebaselineReport &r, const QString &settingsSource)
{
    out(QStringLiteral("Settings (%1): %2").arg(settingsSource, anomalies::describeSettings(r.options)));
    out(QStringLiteral("%1 products recomputed (%2 with enough history, %3 lines counted) in %4 ms.")
            .arg(r.products)
            .arg(r.productsWithHistory)
            .arg(r.lines)
            .arg(r.elapsedMs));
    out(QStringLiteral("Products whose threshold changed: %1.").arg(r.changed.size()));
    if (r.changed.empty())
        return;
    out(QStringLiteral("%1 %2 %3 %4")
            .arg(QStringLiteral("product").leftJustified(20),
                 QStringLiteral("threshold before -> after").leftJustified(28),
                 QStringLiteral("median before -> after").leftJustified(26), QStringLiteral("lines before -> after")));
    for (std::size_t i = 0; i < r.changed.size() && i < kListed; ++i) {
        const anomalies::BaselineChange &c = r.changed[i];
        out(QStringLiteral("%1 %2 %3 %4")
                .arg(c.productId.leftJustified(20),
                     QStringLiteral("%1 -> %2")
                         .arg(number(c.thresholdBefore), number(c.thresholdAfter))
                         .leftJustified(28),
                     QStringLiteral("%1 -> %2").arg(number(c.medianBefore), number(c.medianAfter)).leftJustified(26),
                     QStringLiteral("%1 -> %2").arg(count(c.linesBefore), count(c.linesAfter))));
    }
    if (r.changed.size() > kListed)
        out(QStringLiteral("… and %1 more (--json lists them all).").arg(r.changed.size() - kListed));
}

} // namespace

int runAnomaliesCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    DatabaseOptions db;
    db.addTo(parser);
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the result as JSON."));
    parser.addOption(json);
    const QString usage =
        QStringLiteral("usage: ecomops anomalies rebaseline [--json] [--conninfo STRING | --data-dir DIR]");
    const bool parsed = parser.parse(QStringList{QStringLiteral("ecomops anomalies")} + arguments);
    const QStringList action = parser.positionalArguments();
    if (!parsed || action != QStringList{QStringLiteral("rebaseline")}) {
        err(parser.errorText().isEmpty() ? usage : parser.errorText() + QLatin1Char('\n') + usage);
        return ExitBadArguments;
    }
    try {
        pqxx::connection connection{db.resolve(parser).toStdString()};
        // The CLI has no console settings: the settings the baselines were
        // last computed with (by the last run), so a rebaseline moves
        // thresholds only because the data changed.
        const std::optional<anomalies::AnomalyOptions> recorded = anomalies::recordedBaselineSettings(connection);
        const QString source = recorded ? QStringLiteral("recorded with the current baselines")
                                        : QStringLiteral("defaults, no baseline recorded yet");
        const anomalies::RebaselineReport report =
            anomalies::rebaseline(connection, recorded.value_or(anomalies::AnomalyOptions{}));
        if (parser.isSet(json))
            out(QString::fromStdString(toJson(report, source).dump(2)));
        else
            printText(report, source);
        return ExitSuccess;
    } catch (const anomalies::AnomalyError &e) {
        err(QStringLiteral("ecomops anomalies rebaseline: %1").arg(e.message()));
        if (!e.detail().isEmpty())
            err(QStringLiteral("  (%1)").arg(e.detail()));
        return ExitFailed;
    } catch (const std::exception &e) {
        err(QStringLiteral("ecomops anomalies rebaseline: %1").arg(QString::fromUtf8(e.what()).trimmed()));
        return ExitFailed;
    }
}

} // namespace ecomops::app
