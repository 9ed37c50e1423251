#include "quality/Dimension.h"

#include "core/EnumNames.h"

namespace ecomops::quality {

namespace {
constexpr EnumName<Dimension> kDimensionNames[] = {
    {Dimension::Completeness, "completeness"}, {Dimension::Validity, "validity"},
    {Dimension::Consistency, "consistency"},   {Dimension::Timeliness, "timeliness"},
    {Dimension::Uniqueness, "uniqueness"},     {Dimension::Accuracy, "accuracy"},
    {Dimension::Conformity, "conformity"},     {Dimension::Integrity, "integrity"}};
} // namespace

const char *toString(Dimension dimension)
{
    return enumName(kDimensionNames, dimension, "validity");
}

std::optional<Dimension> dimensionFromString(std::string_view text)
{
    return enumFromName(kDimensionNames, text);
}

namespace {
constexpr EnumName<Severity> kSeverityNames[] = {
    {Severity::Reject, "reject"}, {Severity::Count, "count"}, {Severity::Info, "info"}};
} // namespace

const char *toString(Severity severity)
{
    return enumName(kSeverityNames, severity, "count");
}

std::optional<Severity> severityFromString(std::string_view text)
{
    return enumFromName(kSeverityNames, text);
}

} // namespace ecomops::quality
