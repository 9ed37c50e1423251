#include "quality/Dimension.h"

namespace ecomops::quality {

const char *toString(Dimension dimension)
{
    switch (dimension) {
    case Dimension::Completeness:
        return "completeness";
    case Dimension::Validity:
        return "validity";
    case Dimension::Consistency:
        return "consistency";
    case Dimension::Timeliness:
        return "timeliness";
    case Dimension::Uniqueness:
        return "uniqueness";
    case Dimension::Accuracy:
        return "accuracy";
    case Dimension::Conformity:
        return "conformity";
    case Dimension::Integrity:
        return "integrity";
    }
    return "validity";
}

std::optional<Dimension> dimensionFromString(std::string_view text)
{
    for (Dimension d : kDimensions) {
        if (text == toString(d))
            return d;
    }
    return std::nullopt;
}

const char *toString(Severity severity)
{
    switch (severity) {
    case Severity::Reject:
        return "reject";
    case Severity::Count:
        return "count";
    case Severity::Info:
        return "info";
    }
    return "count";
}

std::optional<Severity> severityFromString(std::string_view text)
{
    for (Severity s : {Severity::Reject, Severity::Count, Severity::Info}) {
        if (text == toString(s))
            return s;
    }
    return std::nullopt;
}

} // namespace ecomops::quality
