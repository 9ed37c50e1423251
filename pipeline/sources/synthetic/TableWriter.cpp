#include "sources/synthetic/TableWriter.h"

#include "sources/synthetic/Civil.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <cerrno>
#include <cstring>

namespace ecomops::synthetic {

namespace {

constexpr std::size_t kFlushBytes = std::size_t(1) << 20;

constexpr char kTwoDigits[] = "00010203040506070809"
                              "10111213141516171819"
                              "20212223242526272829"
                              "30313233343536373839"
                              "40414243444546474849"
                              "50515253545556575859"
                              "60616263646566676869"
                              "70717273747576777879"
                              "80818283848586878889"
                              "90919293949596979899";

inline void putTwoDigits(char *out, int value)
{
    out[0] = kTwoDigits[2 * value];
    out[1] = kTwoDigits[2 * value + 1];
}

} // namespace

TableWriter::TableWriter(std::string table, std::string path, std::initializer_list<std::string_view> columns)
    : m_table(std::move(table)), m_path(std::move(path))
{
    m_file = std::fopen(m_path.c_str(), "wb");
    if (!m_file)
        throw GeneratorError("cannot create " + m_path + ": " + std::strerror(errno));
    m_buffer.reserve(kFlushBytes + (std::size_t(64) << 10));
    for (auto column : columns) {
        m_buffer.append(column);
        m_buffer.push_back(',');
    }
    m_buffer.back() = '\n';
    m_rowStart = m_lastRowStart = m_buffer.size();
}

TableWriter::~TableWriter()
{
    if (m_file)
        std::fclose(m_file);
}

void TableWriter::integer(std::int64_t value)
{
    char digits[24];
    char *end = digits + sizeof digits;
    char *p = end;
    std::uint64_t magnitude =
        value < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    while (magnitude >= 100) {
        p -= 2;
        putTwoDigits(p, static_cast<int>(magnitude % 100));
        magnitude /= 100;
    }
    if (magnitude >= 10) {
        p -= 2;
        putTwoDigits(p, static_cast<int>(magnitude));
    } else {
        *--p = static_cast<char>('0' + magnitude);
    }
    if (value < 0)
        *--p = '-';
    m_buffer.append(p, static_cast<std::size_t>(end - p));
    m_buffer.push_back(',');
}

void TableWriter::text(std::string_view value)
{
    bool quote = value.empty();
    for (char c : value) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        m_buffer.append(value);
    } else {
        m_buffer.push_back('"');
        for (char c : value) {
            if (c == '"')
                m_buffer.push_back('"');
            m_buffer.push_back(c);
        }
        m_buffer.push_back('"');
    }
    m_buffer.push_back(',');
}

void TableWriter::decimal(Decimal value, int decimals)
{
    value.appendTo(m_buffer, decimals);
    m_buffer.push_back(',');
}

void TableWriter::appendDate(std::int64_t days)
{
    if (days != m_cachedDay) {
        const CivilDate d = civilFromDays(days);
        const int year = d.year < 0 ? 0 : (d.year > 9999 ? 9999 : d.year);
        putTwoDigits(m_cachedDate, year / 100);
        putTwoDigits(m_cachedDate + 2, year % 100);
        m_cachedDate[4] = '-';
        putTwoDigits(m_cachedDate + 5, d.month);
        m_cachedDate[7] = '-';
        putTwoDigits(m_cachedDate + 8, d.day);
        m_cachedDay = days;
    }
    m_buffer.append(m_cachedDate, sizeof m_cachedDate);
}

void TableWriter::date(std::int64_t daysSinceEpoch)
{
    appendDate(daysSinceEpoch);
    m_buffer.push_back(',');
}

void TableWriter::timestamp(std::int64_t secondsSinceEpoch)
{
    const std::int64_t days = floorDiv(secondsSinceEpoch, kSecondsPerDay);
    const int secondOfDay = static_cast<int>(secondsSinceEpoch - days * kSecondsPerDay);
    appendDate(days);
    char time[10];
    time[0] = ' ';
    putTwoDigits(time + 1, secondOfDay / 3600);
    time[3] = ':';
    putTwoDigits(time + 4, secondOfDay / 60 % 60);
    time[6] = ':';
    putTwoDigits(time + 7, secondOfDay % 60);
    time[9] = ',';
    m_buffer.append(time, sizeof time);
}

std::uint64_t TableWriter::endRow()
{
    if (m_muted) {
        m_buffer.resize(m_rowStart);
        return 0;
    }
    m_buffer.back() = '\n';
    m_lastRowStart = m_rowStart;
    m_rowStart = m_buffer.size();
    ++m_rows;
    if (m_buffer.size() >= kFlushBytes)
        flushCompletedRows();
    return m_rows + 1;
}

std::uint64_t TableWriter::repeatLastRow()
{
    if (m_muted)
        return 0;
    const std::size_t length = m_rowStart - m_lastRowStart;
    m_buffer.reserve(m_buffer.size() + length);
    m_buffer.append(m_buffer.data() + m_lastRowStart, length);
    m_lastRowStart = m_rowStart;
    m_rowStart = m_buffer.size();
    ++m_rows;
    return m_rows + 1;
}

void TableWriter::flushCompletedRows()
{
    // Keeps the last row in memory for repeatLastRow().
    if (m_lastRowStart == 0)
        return;
    if (std::fwrite(m_buffer.data(), 1, m_lastRowStart, m_file) != m_lastRowStart)
        throw GeneratorError("cannot write " + m_path + ": " + std::strerror(errno));
    m_flushed += m_lastRowStart;
    m_buffer.erase(0, m_lastRowStart);
    m_rowStart -= m_lastRowStart;
    m_lastRowStart = 0;
}

void TableWriter::close()
{
    if (!m_file)
        return;
    const std::size_t size = m_buffer.size();
    const bool written = std::fwrite(m_buffer.data(), 1, size, m_file) == size;
    const int writeErrno = errno;
    const bool closed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (!written || !closed)
        throw GeneratorError("cannot write " + m_path + ": " + std::strerror(written ? errno : writeErrno));
    m_flushed += size;
    m_buffer.clear();
    m_rowStart = m_lastRowStart = 0;
}

void TableWriter::discard()
{
    if (m_file) {
        std::fclose(m_file);
        m_file = nullptr;
    }
    std::remove(m_path.c_str());
}

} // namespace ecomops::synthetic
