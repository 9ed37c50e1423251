#include "warehouse/WarehouseOptions.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <set>
#include <utility>

namespace ecomops::warehouse {

using nlohmann::json;

namespace {

// Two-sided normal quantiles for the coverages we offer.
constexpr std::array<std::pair<double, double>, 4> kCoverageZ = {
    {{0.80, 1.2816}, {0.90, 1.6449}, {0.95, 1.96}, {0.99, 2.5758}}};

const std::set<std::string> &knownKeys()
{
    static const std::set<std::string> keys = {"revenue_statuses",     "churn_days",        "forecast_horizon_days",
                                               "forecast_season_days", "forecast_alpha",    "forecast_gamma",
                                               "forecast_confidence",  "concurrent_refresh"};
    return keys;
}

template <typename T, typename Check>
void read(const json &object, const char *key, T &target, Check check, const char *expected)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return;
    if (!check(*it))
        throw WarehouseError(std::string("warehouse.") + key + " must be " + expected);
    target = it->get<T>();
}

std::optional<double> readOptionalNumber(const json &object, const char *key)
{
    double value = 0;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    read(
        object, key, value, [](const json &v) { return v.is_number(); }, "a number or null");
    return value;
}

} // namespace

std::string WarehouseOptions::validationError() const
{
    if (revenueStatuses.empty())
        return "revenue_statuses must name at least one order status";
    for (const std::string &s : revenueStatuses) {
        if (s.empty())
            return "revenue_statuses must not contain an empty status";
    }
    if (churnDays < 1)
        return "churn_days must be at least 1";
    if (forecastHorizonDays < 1 || forecastHorizonDays > 366)
        return "forecast_horizon_days must be between 1 and 366";
    if (forecastSeasonDays < 1 || forecastSeasonDays > 366)
        return "forecast_season_days must be between 1 and 366";
    if (forecastAlpha && !(*forecastAlpha > 0 && *forecastAlpha < 1))
        return "forecast_alpha must be between 0 and 1 (exclusive), or null to fit it";
    if (forecastGamma && !(*forecastGamma >= 0 && *forecastGamma < 1))
        return "forecast_gamma must be at least 0 and below 1, or null to fit it";
    if (forecastZ() <= 0)
        return "forecast_confidence must be one of 0.80, 0.90, 0.95, 0.99";
    return {};
}

double WarehouseOptions::forecastZ() const
{
    for (const auto &[coverage, z] : kCoverageZ) {
        if (std::abs(coverage - forecastConfidence) < 1e-9)
            return z;
    }
    return 0;
}

json WarehouseOptions::toJson() const
{
    return json{{"revenue_statuses", revenueStatuses},
                {"churn_days", churnDays},
                {"forecast_horizon_days", forecastHorizonDays},
                {"forecast_season_days", forecastSeasonDays},
                {"forecast_alpha", forecastAlpha ? json(*forecastAlpha) : json(nullptr)},
                {"forecast_gamma", forecastGamma ? json(*forecastGamma) : json(nullptr)},
                {"forecast_confidence", forecastConfidence},
                {"concurrent_refresh", concurrentRefresh}};
}

WarehouseOptions WarehouseOptions::fromJson(const json &object)
{
    WarehouseOptions o;
    if (object.is_null())
        return o;
    if (!object.is_object())
        throw WarehouseError("warehouse options must be a JSON object");
    for (const auto &item : object.items()) {
        if (!knownKeys().count(item.key()))
            throw WarehouseError("warehouse." + item.key() + " is not a warehouse option");
    }
    const auto isInteger = [](const json &v) { return v.is_number_integer(); };
    read(
        object, "revenue_statuses", o.revenueStatuses,
        [](const json &v) {
            if (!v.is_array())
                return false;
            for (const json &s : v) {
                if (!s.is_string())
                    return false;
            }
            return true;
        },
        "an array of status names");
    read(object, "churn_days", o.churnDays, isInteger, "an integer");
    read(object, "forecast_horizon_days", o.forecastHorizonDays, isInteger, "an integer");
    read(object, "forecast_season_days", o.forecastSeasonDays, isInteger, "an integer");
    o.forecastAlpha = readOptionalNumber(object, "forecast_alpha");
    o.forecastGamma = readOptionalNumber(object, "forecast_gamma");
    read(
        object, "forecast_confidence", o.forecastConfidence, [](const json &v) { return v.is_number(); }, "a number");
    read(
        object, "concurrent_refresh", o.concurrentRefresh, [](const json &v) { return v.is_boolean(); },
        "true or false");
    if (const std::string error = o.validationError(); !error.empty())
        throw WarehouseError("warehouse options: " + error);
    return o;
}

} // namespace ecomops::warehouse
