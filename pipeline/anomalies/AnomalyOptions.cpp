#include "anomalies/AnomalyOptions.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

namespace ecomops::anomalies {

using nlohmann::json;

namespace {

AnomalyError optionError(const std::string &text)
{
    return AnomalyError(QString::fromStdString("anomalies." + text));
}

template <typename T, typename Check>
void read(const json &object, const char *key, T &target, Check check, const char *expected)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return;
    if (!check(*it))
        throw optionError(std::string(key) + " must be " + expected);
    target = it->get<T>();
}

bool isStringArray(const json &v)
{
    if (!v.is_array())
        return false;
    for (const json &s : v) {
        if (!s.is_string())
            return false;
    }
    return true;
}

} // namespace

std::string methodName(Method method)
{
    switch (method) {
    case Method::Mad:
        return "mad";
    case Method::LogMad:
        return "log_mad";
    case Method::StdDev:
        break;
    }
    return "stddev";
}

Method methodFromString(const std::string &text)
{
    if (text == "stddev")
        return Method::StdDev;
    if (text == "mad")
        return Method::Mad;
    if (text == "log_mad")
        return Method::LogMad;
    throw optionError("method must be \"stddev\", \"mad\" or \"log_mad\", not \"" + text + "\"");
}

std::string AnomalyOptions::validationError() const
{
    if (!std::isfinite(k) || k <= 0 || k > 100)
        return "k must be above 0 and at most 100";
    if (minHistory < 2)
        return "min_history must be at least 2";
    if (!std::isfinite(minSigma) || minSigma < 0)
        return "min_sigma must be 0 or more";
    for (const std::string &s : excludedStatuses) {
        if (s.empty())
            return "excluded_statuses must not contain an empty status";
    }
    if (baselineMaxAgeDays < 0)
        return "baseline_max_age_days must be 0 (recompute every run) or more";
    return {};
}

json AnomalyOptions::toJson() const
{
    return json{{"enabled", enabled},
                {"method", methodName(method)},
                {"k", k},
                {"min_history", minHistory},
                {"min_sigma", minSigma},
                {"excluded_statuses", excludedStatuses},
                {"baseline_max_age_days", baselineMaxAgeDays}};
}

AnomalyOptions AnomalyOptions::fromJson(const json &object)
{
    static const std::set<std::string> known = {
        "enabled", "method", "k", "min_history", "min_sigma", "excluded_statuses", "baseline_max_age_days"};
    AnomalyOptions o;
    if (object.is_null())
        return o;
    if (!object.is_object())
        throw AnomalyError(QStringLiteral("anomaly options must be a JSON object"));
    for (const auto &item : object.items()) {
        if (!known.count(item.key()))
            throw optionError(item.key() + " is not an anomaly option");
    }
    const auto isInteger = [](const json &v) { return v.is_number_integer(); };
    const auto isNumber = [](const json &v) { return v.is_number(); };
    read(
        object, "enabled", o.enabled, [](const json &v) { return v.is_boolean(); }, "true or false");
    std::string method = methodName(o.method);
    read(
        object, "method", method, [](const json &v) { return v.is_string(); }, "\"stddev\", \"mad\" or \"log_mad\"");
    o.method = methodFromString(method);
    read(object, "k", o.k, isNumber, "a number");
    read(object, "min_history", o.minHistory, isInteger, "an integer");
    read(object, "min_sigma", o.minSigma, isNumber, "a number");
    read(object, "excluded_statuses", o.excludedStatuses, isStringArray, "an array of status names");
    read(object, "baseline_max_age_days", o.baselineMaxAgeDays, isInteger, "an integer");
    if (const std::string error = o.validationError(); !error.empty())
        throw optionError(error);
    return o;
}

} // namespace ecomops::anomalies
