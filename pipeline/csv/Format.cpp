#include "csv/Format.h"

#include <cstring>

namespace ecomops::csv {

std::string_view defectName(Defect defect) noexcept
{
    switch (defect) {
    case Defect::None:
        return "none";
    case Defect::UnterminatedQuote:
        return "unterminated quoted field";
    case Defect::StrayQuote:
        return "stray quote";
    case Defect::TextAfterClosingQuote:
        return "text after closing quote";
    case Defect::BareCarriageReturn:
        return "bare carriage return";
    case Defect::FieldCount:
        return "field count";
    case Defect::TooLarge:
        return "record too large";
    case Defect::TrailingText:
        return "text after the record";
    }
    return "unknown";
}

FileError::FileError(std::string path, std::string action, int errorNumber)
    : Error("cannot " + action + " CSV file '" + path + "': " + std::strerror(errorNumber)), m_path(std::move(path)),
      m_errno(errorNumber)
{
}

FormatError::FormatError(const std::string &file, std::uint64_t line, const std::string &reason)
    : Error(file + ":" + std::to_string(line) + ": malformed header: " + reason), m_line(line)
{
}

} // namespace ecomops::csv
