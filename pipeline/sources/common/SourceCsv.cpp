#include "sources/common/SourceCsv.h"

#include "sources/SourceAdapter.h"

#include <QFile>
#include <QFileInfo>

#include <cctype>

namespace ecomops::sources {
namespace {

std::string normalized(std::string_view name)
{
    std::string out;
    for (const char c : trim(name)) {
        if (c == ' ' || c == '_' || c == '-' || c == '.')
            continue;
        out += char(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

constexpr std::int64_t kCheckEvery = 4096;

} // namespace

std::string_view trim(std::string_view v)
{
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
        v.remove_suffix(1);
    return v;
}

SourceCsv::SourceCsv(const QString &path)
    : m_path(path)
    , m_name(QFileInfo(path).fileName().toStdString())
{
    try {
        csv::ReaderOptions options;
        options.fieldCount = csv::FieldCountCheck::SameAsHeader;
        csv::Reader reader(QFile::encodeName(path).toStdString(), options);
        m_header = reader.header();
    } catch (const csv::Error &e) {
        throw SourceError(m_name + ": " + e.what());
    }
    if (m_header.empty())
        throw SourceError(m_name + ": the file is empty (no header row)");
    for (const std::string &h : m_header)
        m_normalizedHeader.push_back(normalized(h));
}

int SourceCsv::find(std::initializer_list<std::string_view> names) const
{
    for (std::string_view n : names) {
        const std::string wanted = normalized(n);
        for (std::size_t i = 0; i < m_normalizedHeader.size(); ++i) {
            if (m_normalizedHeader[i] == wanted)
                return int(i);
        }
    }
    return -1;
}

int SourceCsv::use(std::initializer_list<std::string_view> names, const std::string &target)
{
    const int i = find(names);
    if (i >= 0)
        m_used[i] = target;
    return i;
}

int SourceCsv::require(std::initializer_list<std::string_view> names, const std::string &target)
{
    const int i = use(names, target);
    if (i < 0) {
        std::string header;
        for (const std::string &h : m_header)
            header += (header.empty() ? "" : ", ") + h;
        throw SourceError(m_name + ": the required column " + std::string(*names.begin()) + " is missing (the header has: "
                          + header + ")");
    }
    return i;
}

std::vector<std::string> SourceCsv::ignoredColumns() const
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < m_header.size(); ++i) {
        if (!m_used.count(int(i)))
            out.push_back(m_header[i]);
    }
    return out;
}

void SourceCsv::read(StageObserver &observer, const CancelToken &cancel, const QString &table,
                     const RecordHandler &onRecord, const MalformedHandler &onMalformed)
{
    csv::ReaderOptions options;
    options.fieldCount = csv::FieldCountCheck::SameAsHeader;
    const qint64 fileBytes = QFileInfo(m_path).size();
    m_crlfRecords = m_lfRecords = 0;
    try {
        csv::Reader reader(QFile::encodeName(m_path).toStdString(), options);
        std::int64_t n = 0;
        for (;;) {
            const csv::Outcome outcome = reader.next();
            if (outcome == csv::Outcome::End)
                break;
            if (outcome == csv::Outcome::Record) {
                (reader.record().crlf ? m_crlfRecords : m_lfRecords) += 1;
                onRecord(reader.record());
            } else {
                onMalformed(reader.malformed(), m_name + ":" + std::to_string(reader.malformed().line) + ": "
                                                    + reader.malformed().reason);
            }
            if (++n % kCheckEvery == 0) {
                if (cancel.isCancelled() || observer.cancelRequested())
                    throw CancelledError();
                const csv::ReaderStats s = reader.stats();
                const qint64 expected = s.bytes > 0 ? qint64(double(n) * double(fileBytes) / double(s.bytes)) : -1;
                observer.progress(table, n, std::max(expected, qint64(n)));
            }
        }
        m_stats = reader.stats();
        observer.progress(table, n, n);
    } catch (const csv::Error &e) {
        throw SourceError(m_name + ": " + e.what());
    }
}

nlohmann::json SourceCsv::report() const
{
    nlohmann::json columns = nlohmann::json::object();
    for (const auto &[i, target] : m_used)
        columns[m_header[std::size_t(i)]] = target;
    const char *endings = m_crlfRecords > 0 && m_lfRecords > 0 ? "mixed LF and CRLF" : m_crlfRecords > 0 ? "CRLF" : "LF";
    return {{"file", m_name},
            {"columns", columns},
            {"ignored_columns", ignoredColumns()},
            {"records", m_stats.records},
            {"unreadable_records", m_stats.malformed},
            {"blank_lines_skipped", m_stats.blankLines},
            {"byte_order_mark", m_stats.byteOrderMark},
            {"line_endings", endings}};
}

std::string SourceCsv::field(const csv::Record &record, int column)
{
    return std::string(trim(rawField(record, column)));
}

std::string_view SourceCsv::rawField(const csv::Record &record, int column)
{
    if (column < 0 || std::size_t(column) >= record.size())
        return {};
    return record.fields[std::size_t(column)];
}

} // namespace ecomops::sources
