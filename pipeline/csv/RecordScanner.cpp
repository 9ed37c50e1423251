#include "csv/RecordScanner.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace ecomops::csv::detail {

namespace {

std::uint64_t countLineFeeds(const char *from, const char *to)
{
    std::uint64_t count = 0;
    while (from != to) {
        const void *lf = std::memchr(from, '\n', static_cast<std::size_t>(to - from));
        if (!lf)
            break;
        ++count;
        from = static_cast<const char *>(lf) + 1;
    }
    return count;
}

} // namespace

RecordScanner::RecordScanner(Dialect dialect) : m_dialect(dialect)
{
    for (const char c : {dialect.delimiter, dialect.quote, '\r', '\n'})
        m_special[static_cast<unsigned char>(c)] = true;
}

RecordScanner::Status RecordScanner::scan(const char *begin, const char *end, bool atEof)
{
    fields.clear();
    quoted.clear();
    escaped.clear();
    terminated = crlf = false;
    defect = Defect::None;
    defectColumn = 0;
    newlines = 0;
    quoteOpen = nullptr;

    const char quote = m_dialect.quote;
    const char delimiter = m_dialect.delimiter;
    const char *p = begin;
    for (;;) {
        const std::size_t column = fields.size() + 1;
        const char *fieldStart = p;
        if (p != end && *p == quote) {
            const std::uint64_t newlinesBefore = newlines;
            const char *from = p + 1;
            const char *close = nullptr;
            bool hasEscapes = false;
            for (;;) {
                close = static_cast<const char *>(std::memchr(from, quote, static_cast<std::size_t>(end - from)));
                newlines += countLineFeeds(from, close ? close : end);
                if (!close)
                    return openQuote(fieldStart, newlinesBefore, column,
                                     atEof ? Status::UnterminatedQuote : Status::NeedMore);
                if (close + 1 == end) {
                    if (!atEof) // the next byte decides between "" and a closing quote
                        return openQuote(fieldStart, newlinesBefore, column, Status::NeedMore);
                    break;
                }
                if (close[1] != quote)
                    break;
                hasEscapes = true;
                from = close + 2;
            }
            const auto pushQuoted = [&] {
                if (hasEscapes)
                    escaped.push_back(fields.size());
                fields.emplace_back(fieldStart + 1, static_cast<std::size_t>(close - fieldStart - 1));
                quoted.push_back(1);
            };
            const char *after = close + 1;
            if (after == end) {
                pushQuoted();
                return complete(after, after, false);
            }
            if (*after == delimiter) {
                pushQuoted();
                p = after + 1;
                continue;
            }
            if (*after == '\n') {
                pushQuoted();
                return complete(after, after + 1, false);
            }
            if (*after == '\r') {
                if (after + 1 == end && !atEof)
                    return Status::NeedMore;
                if (after + 1 == end || after[1] == '\n') {
                    pushQuoted();
                    return complete(after, std::min(after + 2, end), after + 1 != end);
                }
            }
            // A quote that closes on a later line and is followed by text was
            // most likely never meant to open a multi-line field.
            if (newlines != newlinesBefore)
                return openQuote(fieldStart, newlinesBefore, column, Status::UnterminatedQuote);
            flag(Defect::TextAfterClosingQuote, column);
            p = after; // the rest of this field is scanned as unquoted text
        }

        for (;;) {
            while (p != end && !m_special[static_cast<unsigned char>(*p)])
                ++p;
            if (p == end) {
                if (!atEof)
                    return Status::NeedMore;
                fields.emplace_back(fieldStart, static_cast<std::size_t>(p - fieldStart));
                quoted.push_back(0);
                return complete(p, p, false);
            }
            const char c = *p;
            if (c == delimiter || c == '\n' || c == '\r') {
                const bool crAtEnd = c == '\r' && p + 1 == end;
                if (crAtEnd && !atEof)
                    return Status::NeedMore;
                if (c != '\r' || crAtEnd || p[1] == '\n') {
                    fields.emplace_back(fieldStart, static_cast<std::size_t>(p - fieldStart));
                    quoted.push_back(0);
                    if (c == '\n')
                        return complete(p, p + 1, false);
                    if (c == '\r')
                        return complete(p, std::min(p + 2, end), !crAtEnd);
                    ++p;
                    break;
                }
                flag(Defect::BareCarriageReturn, column);
            } else {
                flag(Defect::StrayQuote, column);
            }
            ++p;
        }
    }
}

RecordScanner::Status RecordScanner::complete(const char *contentEnd_, const char *next_, bool crlf_)
{
    contentEnd = contentEnd_;
    next = next_;
    terminated = next_ != contentEnd_;
    crlf = crlf_;
    return Status::Complete;
}

RecordScanner::Status RecordScanner::openQuote(const char *open, std::uint64_t newlinesBefore, std::size_t column,
                                               Status status)
{
    quoteOpen = open;
    newlinesBeforeQuote = newlinesBefore;
    quoteColumn = column;
    return status;
}

void RecordScanner::flag(Defect found, std::size_t column)
{
    if (defect == Defect::None) {
        defect = found;
        defectColumn = column;
    }
}

void RecordScanner::unescapeInto(std::string &scratch)
{
    if (escaped.empty())
        return;
    std::size_t total = 0;
    for (const std::size_t i : escaped)
        total += fields[i].size();
    if (scratch.size() < total)
        scratch.resize(total);
    char *out = scratch.data();
    const char quote = m_dialect.quote;
    for (const std::size_t i : escaped) {
        const std::string_view in = fields[i];
        char *const start = out;
        for (std::size_t k = 0; k < in.size(); ++k) {
            *out++ = in[k];
            if (in[k] == quote)
                ++k; // the second quote of a doubled pair
        }
        fields[i] = std::string_view(start, static_cast<std::size_t>(out - start));
    }
}

} // namespace ecomops::csv::detail
