#pragma once
// One canonical staged CSV (staging/Catalog.h) written by a source adapter.
// The adapter names the columns it fills, in its own order; the file has
// every column of the table, in the catalogue's order (those it does not
// fill are NULL), so that whatever reads it by position reads it right. An
// empty value is written as NULL. A source record that could not be read at all
// is passed on as a record of one field more than the header ("<file>:<line>:
// <reason>", its raw bytes, then NULLs): the loader then quarantines it with that text, so nothing a source
// holds is lost on the way.
#include "csv/Writer.h"

#include <QString>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ecomops::sources {

class StagedTable
{
public:
    // Throws std::logic_error for a table or column the catalogue does not
    // know (a programming error), csv::FileError if the file cannot be created.
    StagedTable(const QString &directory, std::string table, std::vector<std::string> columns);
    ~StagedTable();
    StagedTable(const StagedTable &) = delete;
    StagedTable &operator=(const StagedTable &) = delete;

    const std::string &table() const { return m_table; }
    const std::vector<std::string> &columns() const { return m_columns; }

    // Values in the order of columns(); they need to live until the call returns.
    void write(std::initializer_list<std::string_view> values);
    void write(const std::vector<std::string> &values);
    void writeUnreadable(const std::string &where, std::string_view raw);

    std::int64_t rows() const { return m_rows; }
    std::int64_t unreadable() const { return m_unreadable; }
    void close();

private:
    void checkWidth(std::size_t values) const;
    void endRow();

    std::string m_table;
    std::vector<std::string> m_columns;
    std::vector<std::size_t> m_positions; // of m_columns in the catalogue's columns
    std::vector<std::string_view> m_row;  // the row being written, in the catalogue's order
    std::unique_ptr<csv::Writer> m_writer;
    std::int64_t m_rows = 0;
    std::int64_t m_unreadable = 0;
};

} // namespace ecomops::sources
