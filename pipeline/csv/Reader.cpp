#include "csv/Reader.h"

#include "csv/File.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <istream>

namespace ecomops::csv {

class Reader::Source
{
public:
    virtual ~Source() = default;
    /// Fills up to `size` bytes; returns 0 only at end of input. Throws FileError.
    virtual std::size_t read(char *into, std::size_t size) = 0;
};

namespace {

constexpr std::size_t kMinBufferSize = 4; // room for a byte order mark and one more byte

class FileSource final : public Reader::Source
{
public:
    explicit FileSource(const std::string &path) : m_path(path), m_file(detail::openUnbuffered(path, "rb", "open")) {}

    std::size_t read(char *into, std::size_t size) override
    {
        const std::size_t n = std::fread(into, 1, size, m_file.get());
        if (n < size && std::ferror(m_file.get()))
            throw FileError(m_path, "read", errno);
        return n;
    }

private:
    std::string m_path;
    detail::FileHandle m_file;
};

class StreamSource final : public Reader::Source
{
public:
    StreamSource(std::istream &input, const std::string &name) : m_input(input), m_name(name) {}

    std::size_t read(char *into, std::size_t size) override
    {
        m_input.read(into, static_cast<std::streamsize>(size));
        if (m_input.bad())
            throw FileError(m_name, "read", EIO);
        return static_cast<std::size_t>(m_input.gcount());
    }

private:
    std::istream &m_input;
    std::string m_name;
};

std::string describeDefect(Defect defect, std::size_t column, std::uint64_t line)
{
    const std::string at = std::to_string(column);
    switch (defect) {
    case Defect::StrayQuote:
        return "stray quote in unquoted field at column " + at;
    case Defect::TextAfterClosingQuote:
        return "text after the closing quote of the field at column " + at;
    case Defect::BareCarriageReturn:
        return "carriage return without line feed in unquoted field at column " + at;
    case Defect::UnterminatedQuote:
        return "unterminated quoted field starting at line " + std::to_string(line) + ", column " + at;
    case Defect::TrailingText:
        return "text after the end of the record, at line " + std::to_string(line);
    case Defect::None:
    case Defect::FieldCount:
    case Defect::TooLarge:
        break;
    }
    return std::string(defectName(defect));
}

std::string tooLargeReason(std::size_t maxRecordBytes)
{
    return "record longer than the maximum of " + std::to_string(maxRecordBytes) + " bytes";
}

} // namespace

Reader::Reader(const std::string &path, ReaderOptions options)
    : m_source(std::make_unique<FileSource>(path)), m_name(path), m_options(options), m_scanner(options.dialect)
{
    start();
}

Reader::Reader(std::istream &input, std::string name, ReaderOptions options)
    : m_source(std::make_unique<StreamSource>(input, name)), m_name(std::move(name)), m_options(options),
      m_scanner(options.dialect)
{
    start();
}

Reader::~Reader() = default;
Reader::Reader(Reader &&) noexcept = default;
Reader &Reader::operator=(Reader &&) noexcept = default;

void Reader::start()
{
    m_options.bufferSize = std::max(m_options.bufferSize, kMinBufferSize);
    m_options.maxRecordBytes = std::max<std::size_t>(m_options.maxRecordBytes, 1);
    m_capacity = m_options.bufferSize;
    m_buffer.reset(new char[m_capacity]);
    noteMemory();
    checkByteOrderMark();

    if (m_options.hasHeader) {
        m_readingHeader = true;
        const Outcome outcome = next();
        m_readingHeader = false;
        if (outcome == Outcome::Malformed)
            throw FormatError(m_name, m_malformed.line, m_malformed.reason);
        if (outcome == Outcome::Record)
            m_header.assign(m_record.fields.begin(), m_record.fields.end());
        m_number = 0;
        m_stats.records = 0;
    }
    if (m_options.fieldCount == FieldCountCheck::SameAsHeader)
        m_expectedFields = m_header.size();
    else if (m_options.fieldCount == FieldCountCheck::Fixed)
        m_expectedFields = m_options.expectedFields;
}

void Reader::checkByteOrderMark()
{
    while (m_end - m_pos < 3 && !m_eof)
        refill();
    if (m_end - m_pos >= 3 && std::memcmp(m_buffer.get() + m_pos, "\xEF\xBB\xBF", 3) == 0) {
        m_pos += 3;
        m_stats.byteOrderMark = true;
    }
}

Outcome Reader::next()
{
    if (m_skipLine)
        skipRestOfLine();
    for (;;) {
        if (!skipToContent())
            return Outcome::End;
        const char *begin = m_buffer.get() + m_pos;
        const char *end = m_buffer.get() + m_end;
        switch (m_scanner.scan(begin, end, m_eof)) {
        case detail::RecordScanner::Status::Complete:
            return emitComplete();
        case detail::RecordScanner::Status::UnterminatedQuote:
            return emitUnterminated(false);
        case detail::RecordScanner::Status::NeedMore:
            // Without a terminator the last byte may still belong to one, so
            // only the bytes before it are surely content.
            if (m_end - m_pos - 1 > m_options.maxRecordBytes)
                return emitTooLarge();
            refill();
            break;
        }
    }
}

bool Reader::skipToContent()
{
    for (;;) {
        if (m_pos == m_end) {
            if (m_eof)
                return false;
            refill();
            continue;
        }
        const char *p = m_buffer.get() + m_pos;
        std::size_t blank = 0;
        if (*p == '\n') {
            blank = 1;
        } else if (*p == '\r') {
            if (m_pos + 1 == m_end && !m_eof) {
                refill();
                continue;
            }
            if (m_pos + 1 == m_end)
                blank = 1; // a lone CR closing the input
            else if (p[1] == '\n')
                blank = 2;
        }
        if (blank == 0)
            return true;
        m_pos += blank;
        m_line += p[blank - 1] == '\n' ? 1 : 0;
        ++m_stats.blankLines;
        ++m_stats.lines;
    }
}

void Reader::skipRestOfLine()
{
    m_skipLine = false;
    for (;;) {
        if (m_pos == m_end) {
            if (m_eof) {
                ++m_stats.lines;
                return;
            }
            refill();
            continue;
        }
        const char *from = m_buffer.get() + m_pos;
        const void *lf = std::memchr(from, '\n', m_end - m_pos);
        if (lf) {
            m_pos += static_cast<std::size_t>(static_cast<const char *>(lf) - from) + 1;
            ++m_line;
            ++m_stats.lines;
            return;
        }
        m_pos = m_end;
    }
}

void Reader::refill()
{
    const std::size_t keep = m_end - m_pos;
    std::size_t capacity = m_capacity;
    if (keep == m_capacity) // one record fills the buffer: grow, up to the record limit
        capacity = std::max(m_capacity, std::min(m_capacity * 2, m_options.maxRecordBytes + 2));
    else if (m_capacity > m_options.bufferSize && keep < m_options.bufferSize)
        capacity = m_options.bufferSize; // the long record is gone: give the memory back

    if (capacity != m_capacity) {
        std::unique_ptr<char[]> buffer(new char[capacity]);
        std::memcpy(buffer.get(), m_buffer.get() + m_pos, keep);
        m_buffer = std::move(buffer);
        m_capacity = capacity;
        noteMemory();
    } else if (m_pos > 0 && keep > 0) {
        std::memmove(m_buffer.get(), m_buffer.get() + m_pos, keep);
    }
    m_base += m_pos;
    m_pos = 0;
    m_end = keep;
    if (m_end == m_capacity)
        return; // cannot happen: next() reports a full buffer as too large first
    const std::size_t n = m_source->read(m_buffer.get() + m_end, m_capacity - m_end);
    m_end += n;
    if (n == 0)
        m_eof = true;
}

Outcome Reader::emitComplete()
{
    detail::RecordScanner &s = m_scanner;
    const char *begin = m_buffer.get() + m_pos;
    const std::string_view raw(begin, static_cast<std::size_t>(s.contentEnd - begin));
    const std::uint64_t line = m_line;
    m_stats.lines += s.newlines + 1;
    m_line += s.newlines + (s.terminated ? 1 : 0);
    m_pos = static_cast<std::size_t>(s.next - m_buffer.get());

    if (s.defect != Defect::None)
        return emitMalformed(line, s.defect, s.defectColumn, describeDefect(s.defect, s.defectColumn, line), raw);
    if (raw.size() > m_options.maxRecordBytes) {
        const Outcome outcome = emitMalformed(line, Defect::TooLarge, 0, tooLargeReason(m_options.maxRecordBytes),
                                              raw.substr(0, m_options.maxRecordBytes));
        m_malformed.rawTruncated = true;
        return outcome;
    }
    if (m_expectedFields != 0 && s.fields.size() != m_expectedFields) {
        return emitMalformed(
            line, Defect::FieldCount, 0,
            "field count " + std::to_string(s.fields.size()) + ", expected " + std::to_string(m_expectedFields), raw);
    }

    s.unescapeInto(m_scratch);
    noteMemory();
    m_record.fields.swap(s.fields);
    m_record.quoted.swap(s.quoted);
    m_record.line = line;
    m_record.number = ++m_number;
    m_record.raw = raw;
    m_record.crlf = s.crlf;
    ++m_stats.records;
    return Outcome::Record;
}

Outcome Reader::emitUnterminated(bool tooLarge)
{
    const detail::RecordScanner &s = m_scanner;
    const char *begin = m_buffer.get() + m_pos;
    const char *end = m_buffer.get() + m_end;
    const std::uint64_t line = m_line;
    const std::uint64_t quoteLine = m_line + s.newlinesBeforeQuote;
    // The bad record ends with the line holding the opening quote; reading
    // resumes on the next line.
    const auto *lf =
        static_cast<const char *>(std::memchr(s.quoteOpen, '\n', static_cast<std::size_t>(end - s.quoteOpen)));
    const char *contentEnd = !lf ? end : lf[-1] == '\r' ? lf - 1 : lf;
    m_pos = lf ? static_cast<std::size_t>(lf + 1 - m_buffer.get()) : m_end;
    m_stats.lines += s.newlinesBeforeQuote + 1;
    m_line = quoteLine + (lf ? 1 : 0);

    std::string reason = describeDefect(Defect::UnterminatedQuote, s.quoteColumn, quoteLine);
    if (tooLarge)
        reason += " (no closing quote within " + std::to_string(m_options.maxRecordBytes) + " bytes)";
    return emitMalformed(line, Defect::UnterminatedQuote, s.quoteColumn, std::move(reason),
                         std::string_view(begin, static_cast<std::size_t>(contentEnd - begin)));
}

Outcome Reader::emitTooLarge()
{
    const detail::RecordScanner &s = m_scanner;
    const char *end = m_buffer.get() + m_end;
    if (s.quoteOpen && std::memchr(s.quoteOpen, '\n', static_cast<std::size_t>(end - s.quoteOpen)))
        return emitUnterminated(true);

    // One line longer than the limit: report its first bytes, skip the rest
    // on the next call without buffering it.
    const std::uint64_t line = m_line;
    const std::string_view raw(m_buffer.get() + m_pos, m_options.maxRecordBytes);
    m_stats.lines += s.newlines;
    m_line += s.newlines;
    m_pos = m_end;
    m_skipLine = true;
    const Outcome outcome = emitMalformed(line, Defect::TooLarge, 0, tooLargeReason(m_options.maxRecordBytes), raw);
    m_malformed.rawTruncated = true;
    return outcome;
}

Outcome Reader::emitMalformed(std::uint64_t line, Defect defect, std::size_t column, std::string reason,
                              std::string_view raw)
{
    m_malformed.line = line;
    m_malformed.number = ++m_number;
    m_malformed.defect = defect;
    m_malformed.column = column;
    m_malformed.reason = std::move(reason);
    m_malformed.raw = raw;
    m_malformed.rawTruncated = false;
    ++m_stats.malformed;
    return Outcome::Malformed;
}

std::string Reader::malformedMessage() const
{
    return m_name + ":" + std::to_string(m_malformed.line) + ": " + m_malformed.reason;
}

ReaderStats Reader::stats() const noexcept
{
    ReaderStats stats = m_stats;
    stats.bytes = m_base + m_pos;
    stats.bufferBytes = m_capacity;
    return stats;
}

void Reader::noteMemory() noexcept
{
    m_stats.peakBufferBytes = std::max(m_stats.peakBufferBytes, m_capacity + m_scratch.capacity());
}

ParsedRecord parseRecord(std::string_view text, Dialect dialect)
{
    if (text.data() == nullptr)
        text = std::string_view("", 0);
    detail::RecordScanner scanner(dialect);
    const char *end = text.data() + text.size();
    const auto status = scanner.scan(text.data(), end, true);

    ParsedRecord result;
    if (status == detail::RecordScanner::Status::UnterminatedQuote) {
        result.defect = Defect::UnterminatedQuote;
        result.reason = describeDefect(result.defect, scanner.quoteColumn, 1 + scanner.newlinesBeforeQuote);
    } else if (scanner.defect != Defect::None) {
        result.defect = scanner.defect;
        result.reason = describeDefect(result.defect, scanner.defectColumn, 1);
    } else if (scanner.next != end) {
        result.defect = Defect::TrailingText;
        result.reason = describeDefect(result.defect, 0, 2 + scanner.newlines);
    } else {
        std::string scratch;
        scanner.unescapeInto(scratch);
        result.ok = true;
        result.fields.assign(scanner.fields.begin(), scanner.fields.end());
        result.quoted = std::move(scanner.quoted);
    }
    return result;
}

} // namespace ecomops::csv
