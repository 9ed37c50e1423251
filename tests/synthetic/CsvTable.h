#pragma once
// A strict RFC 4180 reader for checking the generator's output: every
// record must end with LF, have as many fields as the header, and quotes
// must be well formed. Unquoted empty fields are NULL.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace ecomops::test {

struct CsvField {
    std::string_view text;
    bool quoted = false;
    bool isNull() const { return !quoted && text.empty(); }
};

class CsvTable
{
public:
    // Reads the whole file; returns false and sets error() on any violation.
    bool load(const std::string &path);
    const std::string &error() const { return m_error; }

    const std::vector<std::string> &header() const { return m_header; }
    std::size_t rows() const { return m_lines.size(); }
    int column(std::string_view name) const; // -1 when missing
    const CsvField &at(std::size_t row, int column) const
    {
        return m_fields[row * m_header.size() + std::size_t(column)];
    }
    std::string_view text(std::size_t row, int column) const { return at(row, column).text; }
    std::int64_t integer(std::size_t row, int column) const;
    // Physical line of a record (header = 1) and its raw bytes without LF.
    std::uint64_t line(std::size_t row) const { return m_lines[row]; }
    std::string_view raw(std::size_t row) const { return m_raw[row]; }
    // Record index for a physical line, or -1.
    long rowAtLine(std::uint64_t line) const;

private:
    std::string m_data;
    std::deque<std::string> m_unescaped;
    std::vector<std::string> m_header;
    std::vector<CsvField> m_fields;
    std::vector<std::uint64_t> m_lines;
    std::vector<std::string_view> m_raw;
    std::string m_error;
};

} // namespace ecomops::test
