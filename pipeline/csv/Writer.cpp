#include "csv/Writer.h"

#include "csv/File.h"
#include "csv/Sha256.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <ostream>
#include <stdexcept>

namespace ecomops::csv {

class Writer::Sink
{
public:
    virtual ~Sink() = default;
    virtual void write(const char *data, std::size_t size) = 0;
    virtual void flush() {}
    virtual void close() {}
};

namespace {

constexpr std::size_t kMinBufferSize = 64;

class FileSink final : public Writer::Sink
{
public:
    explicit FileSink(const std::string &path) : m_path(path), m_file(detail::openUnbuffered(path, "wb", "create")) {}

    void write(const char *data, std::size_t size) override
    {
        if (std::fwrite(data, 1, size, m_file.get()) != size)
            throw FileError(m_path, "write", errno);
    }
    void close() override
    {
        std::FILE *file = m_file.release();
        if (file && std::fclose(file) != 0)
            throw FileError(m_path, "close", errno);
    }

private:
    std::string m_path;
    detail::FileHandle m_file;
};

class StreamSink final : public Writer::Sink
{
public:
    explicit StreamSink(std::ostream &output) : m_output(output) {}
    void write(const char *data, std::size_t size) override
    {
        if (!m_output.write(data, static_cast<std::streamsize>(size)))
            throw Error("csv::Writer: writing to the stream failed");
    }
    void flush() override
    {
        if (!m_output.flush())
            throw Error("csv::Writer: flushing the stream failed");
    }

private:
    std::ostream &m_output;
};

} // namespace

Writer::Writer(const std::string &path, WriterOptions options)
    : m_sink(std::make_unique<FileSink>(path)), m_options(options)
{
    init();
}

Writer::Writer(std::ostream &output, WriterOptions options)
    : m_sink(std::make_unique<StreamSink>(output)), m_options(options)
{
    init();
}

Writer::~Writer()
{
    try {
        close();
    } catch (...) { // NOLINT(bugprone-empty-catch): destructors cannot report; close() can
    }
}

void Writer::init()
{
    m_capacity = std::max(m_options.bufferSize, kMinBufferSize);
    m_buffer.reset(new char[m_capacity]);
    for (const char c : {m_options.dialect.delimiter, m_options.dialect.quote, '\r', '\n'})
        m_special[static_cast<unsigned char>(c)] = true;
    if (m_options.sha256)
        m_sha = std::make_unique<Sha256>();
}

void Writer::field(std::string_view value)
{
    beginField();
    if (needsQuotes(value))
        putQuoted(value);
    else
        put(value.data(), value.size());
}

void Writer::field(double value)
{
    beginField();
    char *at = room(kNumberRoom);
    m_used += static_cast<std::size_t>(std::to_chars(at, at + kNumberRoom, value).ptr - at);
}

void Writer::null()
{
    beginField();
    m_lastNull = true;
}

void Writer::endRecord()
{
    if (m_fieldsInRecord == 0)
        throw std::invalid_argument("csv::Writer: a record needs at least one field");
    if (m_fieldsInRecord == 1 && m_lastNull)
        throw std::invalid_argument("csv::Writer: a record of a single NULL field would be a blank line");
    if (m_options.crlf)
        putChar('\r');
    putChar('\n');
    m_fieldsInRecord = 0;
    ++m_records;
}

void Writer::writeRecord(std::initializer_list<std::string_view> fields)
{
    for (const std::string_view value : fields)
        field(value);
    endRecord();
}

bool Writer::needsQuotes(std::string_view value) const noexcept
{
    if (value.empty() || value == "\\.")
        return true;
    if (bytesWritten() == 0 && value.substr(0, 3) == "\xEF\xBB\xBF")
        return true;
    if (m_options.quoteEdgeSpaces && (value.front() == ' ' || value.back() == ' '))
        return true;
    for (const char c : value) {
        if (m_special[static_cast<unsigned char>(c)])
            return true;
    }
    return false;
}

void Writer::putQuoted(std::string_view value)
{
    const char quote = m_options.dialect.quote;
    putChar(quote);
    for (;;) {
        const std::size_t at = value.find(quote);
        if (at == std::string_view::npos)
            break;
        put(value.data(), at + 1); // up to and including the quote, which is then doubled
        putChar(quote);
        value.remove_prefix(at + 1);
    }
    put(value.data(), value.size());
    putChar(quote);
}

void Writer::putSlow(const char *data, std::size_t size)
{
    flushBuffer();
    if (size >= m_capacity) {
        deliver(data, size);
        m_flushed += size;
        return;
    }
    std::memcpy(m_buffer.get(), data, size);
    m_used = size;
}

void Writer::flushBuffer()
{
    if (m_used == 0)
        return;
    deliver(m_buffer.get(), m_used);
    m_flushed += m_used;
    m_used = 0;
}

void Writer::deliver(const char *data, std::size_t size)
{
    if (m_closed)
        throw std::logic_error("csv::Writer: written to after close()");
    if (m_sha)
        m_sha->update(data, size);
    m_sink->write(data, size);
}

void Writer::flush()
{
    flushBuffer();
    m_sink->flush();
}

void Writer::close()
{
    if (m_closed)
        return;
    flush();
    m_closed = true;
    m_sink->close();
}

std::string Writer::sha256Hex()
{
    if (!m_sha)
        throw std::logic_error("csv::Writer: SHA-256 was not enabled in WriterOptions");
    flushBuffer();
    return m_sha->hexDigest();
}

} // namespace ecomops::csv
