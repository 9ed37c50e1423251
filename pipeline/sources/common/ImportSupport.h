#pragma once
// Small things every file-based source adapter needs: its options, money
// as the staged files write it, progress/cancel between steps.
#include "core/Cancellation.h"
#include "core/Decimal.h"
#include "core/Progress.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ecomops::sources {

// options[key] as text (numbers as written), or `fallback` when absent.
std::string textOption(const nlohmann::json &options, const char *key, const std::string &fallback);

// options["path"]; throws SourceError naming the source kind when absent.
QString pathOption(const nlohmann::json &options, const char *kind);

// Two decimals when nothing is lost ("2.55"), else four ("0.4250").
std::string money(Decimal value);

// A price seen at a time ("YYYY-MM-DD HH:MM:SS").
struct PricePoint {
    std::string ts;
    Decimal price;
};

// A price history from observed prices: in time order (ties: the lower
// price first), a point wherever the price differs from the last point, at
// most one point per time. What SCD2 on price needs from a source that only
// shows the prices it charged.
std::vector<PricePoint> priceChanges(std::vector<PricePoint> observations);

// Throws CancelledError when either says stop.
void throwIfCancelled(const StageObserver &observer, const CancelToken &cancel);

} // namespace ecomops::sources
