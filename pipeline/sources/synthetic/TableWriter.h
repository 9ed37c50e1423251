#pragma once
// A minimal, fast CSV writer for the generator's own values (ids, numbers,
// timestamps, names): RFC 4180, header row, LF line endings, UTF-8. Fields
// are quoted only when they contain a comma, quote or line break; an empty
// string is written as "" so that an unquoted empty field always means NULL
// (PostgreSQL COPY CSV). The generator never writes a line break inside a
// field, so a row's physical line number is its record number + 1.
#include "core/Decimal.h"

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>

namespace ecomops::synthetic {

class TableWriter
{
public:
    TableWriter(std::string table, std::string path, std::initializer_list<std::string_view> columns);
    ~TableWriter();
    TableWriter(const TableWriter &) = delete;
    TableWriter &operator=(const TableWriter &) = delete;

    const std::string &table() const { return m_table; }
    const std::string &path() const { return m_path; }

    void integer(std::int64_t value);
    void text(std::string_view value);
    void null() { m_buffer.push_back(','); }
    void decimal(Decimal value, int decimals = 2);
    void timestamp(std::int64_t secondsSinceEpoch); // YYYY-MM-DD HH:MM:SS
    void date(std::int64_t daysSinceEpoch);         // YYYY-MM-DD

    // Ends the row under construction; returns its physical line number
    // (the header is line 1), or 0 when the writer is muted.
    std::uint64_t endRow();
    // Writes the row just ended once more, byte for byte (0 when muted).
    std::uint64_t repeatLastRow();

    // A muted writer drops the rows it is given: the generator still draws
    // every value (so what it writes afterwards is the same), it only does not
    // write them (GeneratorOptions::activityDays).
    void setMuted(bool muted) { m_muted = muted; }

    std::uint64_t rows() const { return m_rows; }
    std::uint64_t bytesWritten() const { return m_flushed + m_buffer.size(); }

    void close();   // flushes; throws GeneratorError on an I/O error
    void discard(); // closes and removes the file

private:
    void appendDate(std::int64_t days);
    void flushCompletedRows();

    std::string m_table;
    std::string m_path;
    std::FILE *m_file = nullptr;
    std::string m_buffer;
    std::size_t m_rowStart = 0;
    std::size_t m_lastRowStart = 0;
    std::uint64_t m_rows = 0;
    std::uint64_t m_flushed = 0;
    std::int64_t m_cachedDay = INT64_MIN;
    bool m_muted = false;
    char m_cachedDate[10] = {};
};

} // namespace ecomops::synthetic
