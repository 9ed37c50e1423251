#pragma once
// The vocabulary of data quality: the eight dimensions a rule belongs to and
// what a failing rule does to its row.
#include <array>
#include <optional>
#include <string_view>

namespace ecomops::quality {

enum class Dimension { Completeness, Validity, Consistency, Timeliness, Uniqueness, Accuracy, Conformity, Integrity };

inline constexpr std::array<Dimension, 8> kDimensions = {
    Dimension::Completeness, Dimension::Validity, Dimension::Consistency, Dimension::Timeliness,
    Dimension::Uniqueness,   Dimension::Accuracy, Dimension::Conformity,  Dimension::Integrity,
};

const char *toString(Dimension dimension);
std::optional<Dimension> dimensionFromString(std::string_view text);
constexpr std::size_t indexOf(Dimension dimension)
{
    return static_cast<std::size_t>(dimension);
}

// Reject: the row goes to the quarantine with the reason and is not loaded
// into the warehouse. Count: the row is loaded; the failure lowers the score.
// Info: listed with the run's rule results, neither scored nor rejecting
// (a consequence of another row's defect, shown so nothing is a surprise).
enum class Severity { Reject, Count, Info };

const char *toString(Severity severity);
std::optional<Severity> severityFromString(std::string_view text);

} // namespace ecomops::quality
