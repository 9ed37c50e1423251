#pragma once
// The quality section of a run spec (RunSpec::gates): the gates a run must
// pass, how scores are weighted into the overall score, and the settings of
// the rules. Round-trips through JSON; unknown keys and wrong types throw, so
// a typo in a threshold never passes silently. See RULES.md for the format.
#include "quality/Dimension.h"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace ecomops::quality {

class QualityOptionsError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

enum class GateMode { Fail, Warn };
const char *toString(GateMode mode);

// Per-table overrides; an empty field takes the run-wide value.
struct TableGate {
    std::optional<GateMode> mode;
    std::optional<double> overall;
    std::map<Dimension, double> dimensions;
    std::optional<double> maxNullPercent;
    std::optional<double> maxDuplicatePercent;
};

struct Gates {
    GateMode mode = GateMode::Fail;
    double overall = 80;
    // completeness, validity, consistency, timeliness, uniqueness, accuracy, conformity, integrity
    std::array<double, 8> dimensions = {90, 85, 95, 80, 95, 90, 85, 100};
    double maxNullPercent = 20;     // empty cells among all cells of a table
    double maxDuplicatePercent = 5; // later copies of a business key among a table's rows
    std::map<std::string, TableGate> tables;

    GateMode modeFor(const std::string &table) const;
    double overallFor(const std::string &table) const;
    double thresholdFor(const std::string &table, Dimension dimension) const;
    double maxNullPercentFor(const std::string &table) const;
    double maxDuplicatePercentFor(const std::string &table) const;
};

struct RuleSettings {
    double futureToleranceHours = 24;     // a timestamp this far past the run's start is not yet "future"
    int windowDays = 0;                   // transactions older than this many days count as stale; 0 = unchecked
    double maxSnapshotAgeDays = 7;        // a snapshot taken longer before the run counts as stale
    std::string cancellationPrefix = "C"; // order ids of cancellations (negative quantities and amounts allowed)
    double priceTolerancePercent = 0;     // widens a product's known price range on both sides
    std::map<std::string, std::vector<std::string>> domains; // rule id of an in_set rule → allowed values
    std::set<std::string> disabled;                          // rule ids not applied
    std::map<std::string, Severity> severities;              // rule id → severity instead of the catalogue's
};

struct QualityOptions {
    bool enabled = true;
    Gates gates;
    // Weights of the dimensions in a table's overall score (same order as
    // Gates::dimensions): the dimensions that decide whether a row can be
    // used at all weigh most.
    std::array<double, 8> weights = {2, 2, 1.5, 1, 1.5, 1, 0.5, 2};
    RuleSettings rules;

    nlohmann::json toJson() const;
    // An empty object gives the defaults. Throws QualityOptionsError naming
    // the field that is wrong.
    static QualityOptions fromJson(const nlohmann::json &json);
};

} // namespace ecomops::quality
