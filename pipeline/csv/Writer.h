#pragma once

#include "csv/Format.h"

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace ecomops::csv {

class Sha256;

struct WriterOptions {
    Dialect dialect;
    bool crlf = false;            ///< CRLF line terminators instead of LF
    bool quoteEdgeSpaces = false; ///< also quote values that start or end with a space
    bool sha256 = false;          ///< keep a SHA-256 of exactly the bytes written
    std::size_t bufferSize = std::size_t{1} << 20;
};

/// Buffered RFC 4180 writer with PostgreSQL COPY (FORMAT csv) semantics:
/// null() writes nothing (`a,,b`: NULL) while an empty string is written as
/// `""`. A value is quoted only when it has to be: it is empty, or holds the
/// delimiter, a quote, CR or LF, or is `\.` (COPY's end-of-data marker), or
/// would start the output with a UTF-8 byte order mark (which a reader would
/// strip), or has a leading/trailing space with quoteEdgeSpaces.
///
/// Usage: field()/null() for each value, then endRecord(); close() at the end
/// to see write errors (the destructor closes too, but cannot report them).
class Writer
{
public:
    /// Creates or truncates `path`; throws FileError naming it.
    explicit Writer(const std::string &path, WriterOptions options = {});
    explicit Writer(std::ostream &output, WriterOptions options = {});
    ~Writer();
    Writer(const Writer &) = delete;
    Writer &operator=(const Writer &) = delete;

    void field(std::string_view value);
    void field(const char *value) { field(std::string_view(value)); }
    void field(std::nullptr_t) { null(); }
    void field(std::nullopt_t) { null(); }
    void field(bool) = delete; // say what a boolean means: "t"/"f", "1"/"0", ...
    void field(char) = delete; // a character, or a small integer?
    template <typename Integer, std::enable_if_t<std::is_integral_v<Integer>, int> = 0> void field(Integer value);
    /// Shortest text that reads back as the same double.
    void field(double value);
    template <typename T> void field(const std::optional<T> &value);
    /// A NULL: an empty unquoted field.
    void null();

    /// Ends the record. Throws std::invalid_argument for a record without
    /// fields, or of one NULL field: either would be a blank line, which
    /// readers skip.
    void endRecord();
    template <typename Range> void writeRecord(const Range &fields);
    void writeRecord(std::initializer_list<std::string_view> fields);

    /// Hands the buffered bytes to the file or stream.
    void flush();
    /// Flushes and closes the file. Throws FileError (e.g. disk full).
    void close();

    std::uint64_t bytesWritten() const noexcept { return m_flushed + m_used; }
    std::uint64_t recordsWritten() const noexcept { return m_records; }
    /// SHA-256 of the bytesWritten() bytes so far (flushes first). Needs
    /// WriterOptions::sha256, else throws std::logic_error.
    std::string sha256Hex();

    class Sink;

private:
    static constexpr std::size_t kNumberRoom = 32;

    void beginField()
    {
        if (m_fieldsInRecord++ != 0)
            putChar(m_options.dialect.delimiter);
        m_lastNull = false;
    }
    void putChar(char c)
    {
        if (m_used == m_capacity)
            flushBuffer();
        m_buffer[m_used++] = c;
    }
    void put(const char *data, std::size_t size)
    {
        if (size <= m_capacity - m_used) {
            std::memcpy(m_buffer.get() + m_used, data, size);
            m_used += size;
        } else {
            putSlow(data, size);
        }
    }
    char *room(std::size_t size)
    {
        if (m_capacity - m_used < size)
            flushBuffer();
        return m_buffer.get() + m_used;
    }
    void init();
    void putSlow(const char *data, std::size_t size);
    void putQuoted(std::string_view value);
    bool needsQuotes(std::string_view value) const noexcept;
    void flushBuffer();
    void deliver(const char *data, std::size_t size);

    std::unique_ptr<Sink> m_sink;
    WriterOptions m_options;
    std::unique_ptr<char[]> m_buffer;
    std::size_t m_capacity = 0;
    std::size_t m_used = 0;
    std::uint64_t m_flushed = 0;
    std::uint64_t m_records = 0;
    std::size_t m_fieldsInRecord = 0;
    bool m_lastNull = false;
    bool m_closed = false;
    std::array<bool, 256> m_special{};
    std::unique_ptr<Sha256> m_sha;
};

template <typename Integer, std::enable_if_t<std::is_integral_v<Integer>, int>> void Writer::field(Integer value)
{
    beginField();
    char *at = room(kNumberRoom);
    m_used += static_cast<std::size_t>(std::to_chars(at, at + kNumberRoom, value).ptr - at);
}

template <typename T> void Writer::field(const std::optional<T> &value)
{
    if (value)
        field(*value);
    else
        null();
}

template <typename Range> void Writer::writeRecord(const Range &fields)
{
    for (const auto &value : fields)
        field(value);
    endRecord();
}

} // namespace ecomops::csv
