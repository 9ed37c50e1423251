#include "csv/Format.h"

#include "core/EnumNames.h"

#include <cstring>

namespace ecomops::csv {

namespace {
constexpr EnumName<Defect> kDefects[] = {{Defect::None, "none"},
                                         {Defect::UnterminatedQuote, "unterminated quoted field"},
                                         {Defect::StrayQuote, "stray quote"},
                                         {Defect::TextAfterClosingQuote, "text after closing quote"},
                                         {Defect::BareCarriageReturn, "bare carriage return"},
                                         {Defect::FieldCount, "field count"},
                                         {Defect::TooLarge, "record too large"},
                                         {Defect::TrailingText, "text after the record"}};
} // namespace

std::string_view defectName(Defect defect) noexcept
{
    return enumName(kDefects, defect, "unknown");
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
