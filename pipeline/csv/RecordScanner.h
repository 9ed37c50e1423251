#pragma once

#include "csv/Format.h"

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace ecomops::csv::detail {

/// Splits one record off the front of a contiguous span of bytes. The hot
/// loop of the reader: no allocation once its vectors have grown, no copies.
/// Quoted fields are returned without their quotes but with doubled quotes
/// still in place; `escaped` lists them so the caller can unescape.
///
/// A defect found inside one physical line (a stray quote, text after a
/// closing quote, a bare CR) does not stop the scan: the record's extent is
/// still decided by RFC 4180 rules, and the first defect is reported.
class RecordScanner
{
public:
    enum class Status {
        Complete,          ///< a whole record (possibly with `defect` set)
        NeedMore,          ///< the span ends inside the record and more bytes may follow
        UnterminatedQuote, ///< the quoted field at `quoteOpen` cannot be closed sensibly
    };

    explicit RecordScanner(Dialect dialect);

    /// `atEof`: no byte follows `end`, so the record ends there if nothing ends it before.
    Status scan(const char *begin, const char *end, bool atEof);

    /// Unescapes the fields listed in `escaped` into `scratch` (resized as
    /// needed) and points them there.
    void unescapeInto(std::string &scratch);

    const Dialect &dialect() const noexcept { return m_dialect; }

    // Complete:
    const char *contentEnd = nullptr; ///< end of the record, before its terminator
    const char *next = nullptr;       ///< first byte after the terminator
    bool terminated = false;          ///< ended by LF, CRLF, or a CR at end of input
    bool crlf = false;
    Defect defect = Defect::None;
    std::size_t defectColumn = 0; ///< 1-based field position

    /// Line feeds inside quoted fields scanned so far (Complete and NeedMore:
    /// all line feeds of the span scanned).
    std::uint64_t newlines = 0;

    // UnterminatedQuote, and NeedMore inside a quoted field:
    const char *quoteOpen = nullptr; ///< the opening quote; null when not inside quotes
    std::uint64_t newlinesBeforeQuote = 0;
    std::size_t quoteColumn = 0;

    std::vector<std::string_view> fields;
    std::vector<std::uint8_t> quoted;
    std::vector<std::size_t> escaped;

private:
    Status complete(const char *contentEnd, const char *next, bool crlf);
    Status openQuote(const char *open, std::uint64_t newlinesBefore, std::size_t column, Status status);
    void flag(Defect defect, std::size_t column);

    Dialect m_dialect;
    std::array<bool, 256> m_special{}; ///< ends an unquoted run: delimiter, quote, CR, LF
};

} // namespace ecomops::csv::detail
