#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

// Vocabulary shared by the CSV reader and writer: the dialect, what can be
// wrong with a record, and the errors thrown for a whole file.
namespace ecomops::csv {

/// RFC 4180 by default. Line terminators are always LF or CRLF.
struct Dialect {
    char delimiter = ',';
    char quote = '"';
};

/// What makes a record malformed.
enum class Defect : std::uint8_t {
    None,
    UnterminatedQuote,     ///< a quoted field never closes (or closes on a later line followed by text)
    StrayQuote,            ///< a quote inside an unquoted field
    TextAfterClosingQuote, ///< `"abc"def`
    BareCarriageReturn,    ///< a CR not followed by LF outside quotes
    FieldCount,            ///< not the expected number of fields
    TooLarge,              ///< longer than ReaderOptions::maxRecordBytes
    TrailingText,          ///< parseRecord(): text after the end of the record
};

/// A short English name for a defect ("stray quote"), for logs and filters.
std::string_view defectName(Defect defect) noexcept;

/// Base of everything this module throws.
class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// A file could not be opened, read or written. what() names the file and the
/// operating system's reason.
class FileError : public Error
{
public:
    FileError(std::string path, std::string action, int errorNumber);
    const std::string &path() const noexcept { return m_path; }
    int errorNumber() const noexcept { return m_errno; }

private:
    std::string m_path;
    int m_errno;
};

/// A file whose header row is malformed: its columns cannot be known, so no
/// record of it can be read.
class FormatError : public Error
{
public:
    FormatError(const std::string &file, std::uint64_t line, const std::string &reason);
    std::uint64_t line() const noexcept { return m_line; }

private:
    std::uint64_t m_line;
};

} // namespace ecomops::csv
