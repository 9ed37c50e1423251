#pragma once
// A CSV file as a real export wrote it, read by a source adapter: the header
// is matched by meaning (case, spaces, '_' and '-' do not matter), the
// columns an adapter uses are remembered so that the others can be reported
// as ignored, and each pass over the file reports progress and stops on
// cancel. BOM, CRLF, blank-line runs and quoted fields with line breaks are
// the CSV reader's business (csv/Reader.h). Two things the reader does not
// judge are decided here, for every source alike: records whose every field
// is empty (spreadsheet padding) are skipped and counted, and a record
// holding a value that does not fit its column (bytes that are not UTF-8, a
// NUL, a number out of range: SourceValues.h) goes to the malformed handler
// whole, with its file, line and reason, so it never feeds derived tables.
#include "core/Cancellation.h"
#include "core/Progress.h"
#include "csv/Reader.h"
#include "sources/common/SourceValues.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ecomops::sources {

// Spaces and tabs trimmed from both ends.
std::string_view trim(std::string_view value);

class SourceCsv
{
public:
    // Reads the header; throws SourceError naming the file when it cannot be
    // opened or its header cannot be read (a column name that is not UTF-8
    // text is refused naming its position).
    explicit SourceCsv(const QString &path);

    QString path() const { return m_path; }
    const std::string &name() const { return m_name; } // the file name, for messages
    const std::vector<std::string> &header() const { return m_header; }

    // The position of the first header column matching one of `names`, or
    // -1. The column is then "used" and mapped to `target` in the report.
    int use(std::initializer_list<std::string_view> names, const std::string &target);
    // Like use(), but throws SourceError naming the file, the column and the
    // header when it is missing.
    int require(std::initializer_list<std::string_view> names, const std::string &target);
    std::vector<std::string> ignoredColumns() const;
    // The column (a position from use()/require(); -1 is ignored) holds
    // numbers of that range: a record whose value there is a number out of
    // range is passed to the malformed handler by read().
    void expectNumber(int column, NumberRange range);

    // One pass over the records. Malformed records, and records with a value
    // that does not fit, go to `onMalformed` with "file:line: reason" (the
    // Malformed carries the record's line and raw bytes); records whose every
    // field is empty go nowhere and are counted. Progress is reported under `table`; the pass
    // throws CancelledError when `cancel` is set.
    using RecordHandler = std::function<void(const csv::Record &)>;
    using MalformedHandler = std::function<void(const csv::Malformed &, const std::string &message)>;
    void read(StageObserver &observer, const CancelToken &cancel, const QString &table, const RecordHandler &onRecord,
              const MalformedHandler &onMalformed);

    // Source file, columns mapped and ignored, records, blank lines, empty
    // records, byte order mark, line endings, malformed records and values
    // that did not fit — from the last pass.
    nlohmann::json report() const;
    // "120 records, 3 unreadable, 40000 empty records skipped" (the last two
    // only when there are any): for the run log line of the file.
    QString summary() const;
    // Records of the last pass whose every field was empty.
    std::int64_t emptyRecords() const { return m_emptyRecords; }

    static std::string field(const csv::Record &record, int column);         // trimmed; "" when column < 0
    static std::string_view rawField(const csv::Record &record, int column); // untrimmed

private:
    int find(std::initializer_list<std::string_view> names) const;
    std::optional<std::string> unfitValue(const csv::Record &record) const;

    QString m_path;
    std::string m_name;
    std::vector<std::string> m_header;
    std::vector<std::string> m_normalizedHeader;
    std::map<int, std::string> m_used; // header position → what it became
    csv::ReaderStats m_stats;
    std::int64_t m_crlfRecords = 0;
    std::int64_t m_lfRecords = 0;
    std::vector<std::pair<int, NumberRange>> m_numbers;
    std::int64_t m_emptyRecords = 0;
    std::int64_t m_unfitRecords = 0;
    std::int64_t m_emptyMalformed = 0; // padding of another width: malformed to the reader, empty to us
    std::string m_firstUnfit;
};

} // namespace ecomops::sources
