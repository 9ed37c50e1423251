#include "CsvTable.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ecomops::test {

bool CsvTable::load(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        m_error = "cannot open " + path;
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    m_data = buffer.str();
    const std::string_view data(m_data);
    std::size_t pos = 0;
    std::uint64_t line = 1;
    std::vector<CsvField> record;
    bool first = true;
    while (pos < data.size()) {
        const std::size_t recordStart = pos;
        const std::uint64_t recordLine = line;
        record.clear();
        for (;;) {
            CsvField field;
            if (pos < data.size() && data[pos] == '"') {
                field.quoted = true;
                std::string value;
                ++pos;
                for (;;) {
                    if (pos >= data.size()) {
                        m_error = "unterminated quote at line " + std::to_string(recordLine);
                        return false;
                    }
                    const char c = data[pos++];
                    if (c == '"') {
                        if (pos < data.size() && data[pos] == '"') {
                            value.push_back('"');
                            ++pos;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n')
                        ++line;
                    value.push_back(c);
                }
                m_unescaped.push_back(std::move(value));
                field.text = m_unescaped.back();
            } else {
                const std::size_t start = pos;
                while (pos < data.size() && data[pos] != ',' && data[pos] != '\n') {
                    if (data[pos] == '"' || data[pos] == '\r') {
                        m_error = "stray quote or CR at line " + std::to_string(recordLine);
                        return false;
                    }
                    ++pos;
                }
                field.text = data.substr(start, pos - start);
            }
            record.push_back(field);
            if (pos >= data.size()) {
                m_error = "last record has no LF at line " + std::to_string(recordLine);
                return false;
            }
            if (data[pos] == ',') {
                ++pos;
                continue;
            }
            if (data[pos] != '\n') {
                m_error = "garbage after a quoted field at line " + std::to_string(recordLine);
                return false;
            }
            ++pos;
            ++line;
            break;
        }
        if (first) {
            for (const auto &f : record)
                m_header.emplace_back(f.text);
            first = false;
            continue;
        }
        if (record.size() != m_header.size()) {
            m_error = "line " + std::to_string(recordLine) + " has " + std::to_string(record.size()) +
                      " fields, the header " + std::to_string(m_header.size());
            return false;
        }
        m_fields.insert(m_fields.end(), record.begin(), record.end());
        m_lines.push_back(recordLine);
        m_raw.push_back(data.substr(recordStart, pos - 1 - recordStart));
    }
    if (first) {
        m_error = "no header in " + path;
        return false;
    }
    return true;
}

int CsvTable::column(std::string_view name) const
{
    const auto it = std::find(m_header.begin(), m_header.end(), name);
    return it == m_header.end() ? -1 : int(it - m_header.begin());
}

std::int64_t CsvTable::integer(std::size_t row, int column) const
{
    return std::stoll(std::string(text(row, column)));
}

long CsvTable::rowAtLine(std::uint64_t line) const
{
    const auto it = std::lower_bound(m_lines.begin(), m_lines.end(), line);
    return it != m_lines.end() && *it == line ? long(it - m_lines.begin()) : -1;
}

} // namespace ecomops::test
