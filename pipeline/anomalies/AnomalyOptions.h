#pragma once
// The knobs of the detect stage, as they sit in a run spec's "anomalies"
// section. Missing keys keep their defaults; unknown keys and wrong types
// throw AnomalyError, so a typo in a run spec does not pass silently.
#include "anomalies/AnomalyError.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace ecomops::anomalies {

enum class Method {
    StdDev, // median + k·σ, σ the sample standard deviation
    Mad,    // median + k·σ, σ = 1.4826·MAD (1.2533·mean absolute deviation when MAD is 0)
    // The same on ln(quantity): threshold = median · e^(k·σ). Quantities are
    // multiplicative (packs of 6, 12, 24), so a line is measured by its ratio
    // to the product's usual quantity (DETECTOR.md).
    LogMad,
};
std::string methodName(Method method);        // "stddev" / "mad" / "log_mad"
Method methodFromString(const std::string &); // throws AnomalyError

struct AnomalyOptions {
    bool enabled = true;
    Method method = Method::StdDev;
    double k = 2.0;
    // Products with fewer counted lines than this are never flagged.
    int minHistory = 20;
    // σ is taken as at least this much, so a product whose lines all hold
    // the same quantity does not flag the first line one above it (in
    // quantity units; for log_mad in log units, 0.5 ≈ a factor of 1.65).
    double minSigma = 0.5;
    // Lines of orders in these statuses (case-insensitive) are cancellations
    // or returns, not sales: they neither count in baselines nor get flagged.
    // Negative quantities never count.
    std::vector<std::string> excludedStatuses = {"Cancelled", "Refunded"};
    // 0: every run recomputes every product's baseline. N > 0: a run reuses
    // baselines computed in the last N days with the same parameters (a
    // monthly job then calls refreshBaselines).
    int baselineMaxAgeDays = 0;

    // Empty when usable, otherwise what is wrong, in words.
    std::string validationError() const;

    nlohmann::json toJson() const;
    static AnomalyOptions fromJson(const nlohmann::json &json);
};

} // namespace ecomops::anomalies
