#include "sources/common/SourceCsv.h"

#include "core/Utf8.h"
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

// Padding narrower or wider than the header (",,,," under eight columns):
// the reader calls it a wrong field count, but it holds nothing.
bool isEmptyPadding(const csv::Malformed &bad)
{
    if (bad.defect != csv::Defect::FieldCount)
        return false;
    const csv::ParsedRecord parsed = csv::parseRecord(bad.raw);
    return parsed.ok && allEmpty(parsed.fields);
}

} // namespace

std::string_view trim(std::string_view v)
{
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
        v.remove_suffix(1);
    return v;
}

SourceCsv::SourceCsv(const QString &path) : m_path(path), m_name(QFileInfo(path).fileName().toStdString())
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
    for (std::size_t i = 0; i < m_header.size(); ++i) {
        const std::size_t bad = firstInvalidUtf8(m_header[i]);
        if (bad == std::string::npos)
            continue;
        const std::string column = "the name of column " + std::to_string(i + 1) + " in the header ";
        if (m_header[i][bad] == '\0')
            throw SourceError(m_name + ": " + column +
                              "holds a NUL byte (a UTF-16 file?); save the file as UTF-8 (CSV UTF-8 in Excel)");
        throw SourceError(m_name + ": " + column + "is not UTF-8 text; save the file as UTF-8 (CSV UTF-8 in Excel)");
    }
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
        throw SourceError(m_name + ": the required column " + std::string(*names.begin()) +
                          " is missing (the header has: " + header + ")");
    }
    return i;
}

void SourceCsv::expectNumber(int column, NumberRange range)
{
    if (column >= 0)
        m_numbers.emplace_back(column, range);
}

std::optional<std::string> SourceCsv::unfitValue(const csv::Record &record) const
{
    // One scan of the whole record first: nearly every record is clean.
    if (firstInvalidUtf8(record.raw) != std::string_view::npos) {
        for (std::size_t i = 0; i < record.size(); ++i) {
            if (auto reason = unfitBytes(record.fields[i], m_header[i]))
                return reason;
        }
    }
    for (const auto &[column, range] : m_numbers) {
        if (auto reason = unfitNumber(rawField(record, column), range, m_header[std::size_t(column)]))
            return reason;
    }
    return std::nullopt;
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
    m_emptyRecords = m_unfitRecords = m_emptyMalformed = 0;
    m_firstUnfit.clear();
    csv::Malformed unfit;
    try {
        csv::Reader reader(QFile::encodeName(m_path).toStdString(), options);
        std::int64_t n = 0;
        for (;;) {
            const csv::Outcome outcome = reader.next();
            if (outcome == csv::Outcome::End)
                break;
            if (outcome == csv::Outcome::Record) {
                const csv::Record &record = reader.record();
                (record.crlf ? m_crlfRecords : m_lfRecords) += 1;
                if (allEmpty(record.fields)) {
                    ++m_emptyRecords;
                } else if (std::optional<std::string> reason = unfitValue(record)) {
                    const std::string message = m_name + ":" + std::to_string(record.line) + ": " + *reason;
                    if (m_firstUnfit.empty())
                        m_firstUnfit = message;
                    ++m_unfitRecords;
                    unfit.line = record.line;
                    unfit.number = record.number;
                    unfit.reason = std::move(*reason);
                    unfit.raw = record.raw;
                    onMalformed(unfit, message);
                } else {
                    onRecord(record);
                }
            } else if (isEmptyPadding(reader.malformed())) {
                ++m_emptyRecords;
                ++m_emptyMalformed;
            } else {
                onMalformed(reader.malformed(),
                            m_name + ":" + std::to_string(reader.malformed().line) + ": " + reader.malformed().reason);
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
    const char *endings = m_crlfRecords > 0 && m_lfRecords > 0 ? "mixed LF and CRLF"
                          : m_crlfRecords > 0                  ? "CRLF"
                                                               : "LF";
    nlohmann::json r = {{"file", m_name},
                        {"columns", columns},
                        {"ignored_columns", ignoredColumns()},
                        {"records", std::int64_t(m_stats.records) - m_emptyRecords + m_emptyMalformed - m_unfitRecords},
                        {"unreadable_records", std::int64_t(m_stats.malformed) - m_emptyMalformed + m_unfitRecords},
                        {"empty_records_skipped", m_emptyRecords},
                        {"blank_lines_skipped", m_stats.blankLines},
                        {"byte_order_mark", m_stats.byteOrderMark},
                        {"line_endings", endings}};
    if (m_unfitRecords > 0)
        r["records_with_values_that_do_not_fit"] = {{"count", m_unfitRecords},
                                                    {"first", m_firstUnfit},
                                                    {"treatment", "quarantined whole, with the file, line and reason"}};
    return r;
}

QString SourceCsv::summary() const
{
    const nlohmann::json r = report();
    QString text = QStringLiteral("%1 records").arg(r.value("records", std::int64_t(0)));
    if (const auto unreadable = r.value("unreadable_records", std::int64_t(0)); unreadable > 0)
        text += QStringLiteral(", %1 unreadable or with values that do not fit (quarantined)").arg(unreadable);
    if (m_emptyRecords > 0)
        text += QStringLiteral(", %1 empty records skipped").arg(m_emptyRecords);
    return text;
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
