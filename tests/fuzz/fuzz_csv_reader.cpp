// Fuzz target: the streaming CSV reader (pipeline/csv Reader, RecordScanner)
// and parseRecord().
//
// Input: two option bytes, then the file. Byte 0 chooses header or not, the
// field-count check and the delimiter; byte 1 a small buffer size (4..67
// bytes, so records straddle refills) and the fixed field count. The file is
// read three times: with the small buffer, with one buffer holding it all,
// and with a small record limit. What is checked:
//  - the first two reads give the very same records and malformed records
//    (the buffer size must not change what is read);
//  - every record re-parses with parseRecord() from its raw bytes to the same
//    fields; every record honours the field-count check;
//  - record numbers count up by one; statistics match what was returned and
//    every byte of the input is consumed;
//  - a malformed record has a defect, a line and a reason;
//  - a malformed header throws FormatError, the same way every time.
#include "FuzzCheck.h"

#include "csv/Reader.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace ecomops::csv;

namespace {

// One outcome of Reader::next(), copied out of the reader's buffers.
struct Seen {
    Outcome outcome = Outcome::End;
    std::vector<std::string> fields;
    std::vector<std::uint8_t> quoted;
    std::uint64_t line = 0, number = 0;
    std::string raw;
    bool crlf = false, truncated = false;
    Defect defect = Defect::None;
    std::size_t column = 0;
    std::string reason;

    bool operator==(const Seen &o) const
    {
        return outcome == o.outcome && fields == o.fields && quoted == o.quoted && line == o.line &&
               number == o.number && raw == o.raw && crlf == o.crlf && truncated == o.truncated && defect == o.defect &&
               column == o.column && reason == o.reason;
    }
};

struct Read {
    bool headerRejected = false;
    std::vector<std::string> header;
    std::vector<Seen> seen;
};

void checkRecord(const Record &r, const ReaderOptions &options, const std::vector<std::string> &header)
{
    FUZZ_CHECK(r.fields.size() == r.quoted.size() && !r.fields.empty());
    if (options.fieldCount == FieldCountCheck::SameAsHeader && !header.empty())
        FUZZ_CHECK(r.fields.size() == header.size());
    if (options.fieldCount == FieldCountCheck::Fixed)
        FUZZ_CHECK(r.fields.size() == options.expectedFields);
    const ParsedRecord again = parseRecord(r.raw, options.dialect);
    FUZZ_CHECK(again.ok);
    FUZZ_CHECK(again.quoted == r.quoted);
    FUZZ_CHECK(again.fields.size() == r.fields.size());
    for (std::size_t i = 0; i < r.fields.size(); ++i)
        FUZZ_CHECK(again.fields[i] == r.fields[i]);
}

Read readAll(std::string_view file, const ReaderOptions &options)
{
    Read result;
    std::istringstream input{std::string(file)};
    std::unique_ptr<Reader> reader;
    try {
        reader = std::make_unique<Reader>(input, "fuzz.csv", options);
    } catch (const FormatError &e) {
        FUZZ_CHECK(std::string_view(e.what()).find("fuzz.csv") != std::string_view::npos);
        result.headerRejected = true;
        return result;
    }
    result.header = reader->header();
    std::uint64_t records = 0, malformed = 0, lastLine = 0;
    for (Outcome outcome = reader->next(); outcome != Outcome::End; outcome = reader->next()) {
        Seen s;
        s.outcome = outcome;
        if (outcome == Outcome::Record) {
            const Record &r = reader->record();
            checkRecord(r, options, result.header);
            s.fields.assign(r.fields.begin(), r.fields.end());
            s.quoted = r.quoted;
            s.line = r.line;
            s.number = r.number;
            s.raw = std::string(r.raw);
            s.crlf = r.crlf;
            ++records;
        } else {
            const Malformed &m = reader->malformed();
            FUZZ_CHECK(m.defect != Defect::None && m.defect != Defect::TrailingText && !m.reason.empty());
            FUZZ_CHECK(!reader->malformedMessage().empty());
            s.line = m.line;
            s.number = m.number;
            s.raw = std::string(m.raw);
            s.truncated = m.rawTruncated;
            s.defect = m.defect;
            s.column = m.column;
            s.reason = m.reason;
            ++malformed;
        }
        FUZZ_CHECK(s.number == records + malformed);
        FUZZ_CHECK(s.line >= 1 && s.line >= lastLine);
        lastLine = s.line;
        result.seen.push_back(std::move(s));
    }
    FUZZ_CHECK(reader->next() == Outcome::End); // and stays there
    const ReaderStats stats = reader->stats();
    FUZZ_CHECK(stats.records == records && stats.malformed == malformed);
    FUZZ_CHECK(stats.bytes == file.size());
    FUZZ_CHECK(stats.peakBufferBytes <= options.maxRecordBytes * 2 + options.bufferSize + 64);
    return result;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    static const char delimiters[] = {',', ';', '\t', '|'};
    ReaderOptions options;
    options.hasHeader = (data[0] & 1) != 0;
    options.fieldCount = FieldCountCheck((data[0] >> 1) % 3);
    options.dialect.delimiter = delimiters[(data[0] >> 3) & 3];
    options.bufferSize = 4 + data[1] % 64;
    options.expectedFields = 1 + data[1] % 5;
    const std::string_view file(reinterpret_cast<const char *>(data) + 2, size - 2);

    const Read small = readAll(file, options);
    ReaderOptions whole = options;
    whole.bufferSize = std::max<std::size_t>(4, file.size() + 2);
    const Read big = readAll(file, whole);
    FUZZ_CHECK(small.headerRejected == big.headerRejected);
    FUZZ_CHECK(small.header == big.header);
    FUZZ_CHECK(small.seen.size() == big.seen.size());
    for (std::size_t i = 0; i < small.seen.size(); ++i)
        FUZZ_CHECK(small.seen[i] == big.seen[i]);

    // Records longer than the limit: malformed, the rest still read.
    ReaderOptions limited = options;
    limited.maxRecordBytes = 8 + data[1] % 32;
    (void)readAll(file, limited);
    return 0;
}
