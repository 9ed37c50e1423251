#include "sources/common/StagedTable.h"

#include "staging/Catalog.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <stdexcept>

namespace ecomops::sources {

StagedTable::StagedTable(const QString &directory, std::string table, std::vector<std::string> columns)
    : m_table(std::move(table)), m_columns(std::move(columns))
{
    const staging::TableSpec *spec = staging::findTable(m_table);
    if (!spec)
        throw std::logic_error("no staged table " + m_table);
    for (const std::string &c : m_columns) {
        const int position = spec->columnIndex(c);
        if (position < 0)
            throw std::logic_error("staged table " + m_table + " has no column " + c);
        m_positions.push_back(std::size_t(position));
    }
    m_row.resize(spec->columns.size());
    const QString path = QDir(directory).filePath(QString::fromStdString(spec->fileName()));
    m_writer = std::make_unique<csv::Writer>(QFile::encodeName(path).toStdString());
    for (const staging::Column &c : spec->columns)
        m_writer->field(c.name);
    m_writer->endRecord();
}

StagedTable::~StagedTable() = default;

void StagedTable::checkWidth(std::size_t values) const
{
    if (values != m_columns.size())
        throw std::logic_error("staged table " + m_table + ": a row of " + std::to_string(values) + " values for " +
                               std::to_string(m_columns.size()) + " columns");
}

void StagedTable::endRow()
{
    for (std::string_view v : m_row) {
        if (v.empty())
            m_writer->null();
        else
            m_writer->field(v);
    }
    m_writer->endRecord();
    std::fill(m_row.begin(), m_row.end(), std::string_view());
    ++m_rows;
}

void StagedTable::write(std::initializer_list<std::string_view> values)
{
    checkWidth(values.size());
    std::size_t i = 0;
    for (std::string_view v : values)
        m_row[m_positions[i++]] = v;
    endRow();
}

void StagedTable::write(const std::vector<std::string> &values)
{
    checkWidth(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        m_row[m_positions[i]] = values[i];
    endRow();
}

void StagedTable::writeUnreadable(const std::string &where, std::string_view raw)
{
    // One field more than the header (see kUnreadableSourcePrefix).
    m_writer->field(std::string(staging::kUnreadableSourcePrefix) + where);
    m_writer->field(raw);
    for (std::size_t i = 1; i < m_row.size(); ++i)
        m_writer->null();
    m_writer->endRecord();
    ++m_rows;
    ++m_unreadable;
}

void StagedTable::close()
{
    m_writer->close();
}

} // namespace ecomops::sources
