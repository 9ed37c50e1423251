#pragma once
// The knobs of the transform and marts stages, as they sit in a run spec's
// "warehouse" section. Serialises to JSON; missing keys keep their defaults,
// unknown keys and wrong types throw WarehouseError so a typo in a run spec
// does not pass silently.
#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ecomops::warehouse {

class WarehouseError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct WarehouseOptions {
    // Orders in these statuses count as revenue (compared case-insensitively).
    // Shipped is left out on purpose: it can still be cancelled or returned.
    std::vector<std::string> revenueStatuses = {"Completed", "Delivered"};
    // A customer with no revenue order for more than this many days is churned.
    int churnDays = 90;
    // Revenue forecast: ETS(A,N,A) with a weekly season (see MARTS.md).
    int forecastHorizonDays = 30;
    int forecastSeasonDays = 7;
    std::optional<double> forecastAlpha; // level smoothing, (0, 1); empty = fitted
    std::optional<double> forecastGamma; // seasonal smoothing, [0, 1); empty = fitted
    double forecastConfidence = 0.95;    // band coverage: 0.80, 0.90, 0.95 or 0.99
    // Refresh marts with CONCURRENTLY, so readers are never blocked by a run.
    bool concurrentRefresh = true;

    // Empty when usable, otherwise what is wrong, in words.
    std::string validationError() const;
    // The band's half-width in standard deviations for forecastConfidence.
    double forecastZ() const;

    nlohmann::json toJson() const;
    static WarehouseOptions fromJson(const nlohmann::json &json);
};

} // namespace ecomops::warehouse
