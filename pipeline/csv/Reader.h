#pragma once

#include "csv/Format.h"
#include "csv/RecordScanner.h"

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// Streaming RFC 4180 reader.
//
// Format accepted
//  - Fields separated by Dialect::delimiter; a field may be quoted with
//    Dialect::quote, and inside quotes a doubled quote stands for one quote and
//    delimiters, CR and LF are data. Quoted and unquoted fields mix freely.
//  - Records end with LF or CRLF (both may appear in one file); the last
//    record needs no terminator. A CR that is not followed by LF outside
//    quotes is a defect (PostgreSQL's COPY rejects it too).
//  - A UTF-8 byte order mark is skipped at the very start of the file only;
//    anywhere else its bytes are data.
//  - Blank lines (empty, or a lone CR) are never records: they are skipped
//    and counted in ReaderStats::blankLines.
//  - Nothing is trimmed, converted or repaired: a field's value is exactly the
//    bytes between its delimiters (minus the enclosing quotes, with doubled
//    quotes undoubled).
//
// NULL and empty string (PostgreSQL COPY CSV semantics)
//  Record::quoted[i] says whether field i was quoted in the file. An empty
//  unquoted field (`a,,b`) is NULL; an empty quoted field (`a,"",b`) is the
//  empty string. Record::isNull(i) tells them apart. Record::raw, passed on
//  as it is, keeps that distinction for COPY (FORMAT csv) with the same
//  delimiter and quote. One caveat for COPY ... FROM STDIN: a record whose
//  raw text is exactly `\.` would end the data; quote it (Writer does).
//
// Malformed records: reported, never dropped, never stopping the read
//  next() returns Outcome::Malformed with malformed(): the line the record
//  starts on, its record number, a Defect and a reason in words, and the raw
//  bytes. Reading then resumes as follows:
//  - a defect within the record's own lines (stray quote, text after a
//    closing quote, bare CR, wrong field count): the record's extent is still
//    found by RFC 4180 rules and reading resumes right after it;
//  - an unterminated quote (no closing quote before end of file, none within
//    maxRecordBytes, or a quoted field spanning lines whose "closing" quote is
//    followed by text): only the lines from the record's start to the end of
//    the line holding the opening quote are malformed, and reading resumes on
//    the next line. One stray opening quote costs one line, not the rest of
//    the file;
//  - a single line longer than maxRecordBytes: malformed with its first bytes
//    in raw (rawTruncated), and the rest of that line is skipped unbuffered.
//
// Field counts
//  By default (FieldCountCheck::SameAsHeader) a record whose field count
//  differs from the header's is malformed (Defect::FieldCount), so every
//  valid record can go to COPY. Without a header there is no check unless
//  FieldCountCheck::Fixed is chosen.
//
// Memory
//  One buffer of ReaderOptions::bufferSize bytes, grown only while a single
//  record is longer than the buffer, never beyond maxRecordBytes (+2), and
//  shrunk back afterwards; plus a scratch area for unescaped fields bounded by
//  the same limit. ReaderStats::peakBufferBytes records the high-water mark.
namespace ecomops::csv {

enum class FieldCountCheck {
    None,         ///< any number of fields
    SameAsHeader, ///< as many as the header has (no check when there is no header)
    Fixed,        ///< exactly ReaderOptions::expectedFields
};

struct ReaderOptions {
    Dialect dialect;
    bool hasHeader = true;
    FieldCountCheck fieldCount = FieldCountCheck::SameAsHeader;
    std::size_t expectedFields = 0;
    std::size_t bufferSize = std::size_t{1} << 20;      ///< at least 4
    std::size_t maxRecordBytes = std::size_t{64} << 20; ///< excluding the line terminator
};

/// A valid record. Views stay valid until the next call to Reader::next().
struct Record {
    std::vector<std::string_view> fields; ///< values, unquoted and unescaped
    std::vector<std::uint8_t> quoted;     ///< 1 where the field was quoted in the file
    std::uint64_t line = 0;               ///< 1-based physical line the record starts on
    std::uint64_t number = 0;             ///< 1-based data record number (header excluded, malformed included)
    std::string_view raw;                 ///< the bytes as in the file, without the line terminator
    bool crlf = false;                    ///< terminated by CRLF (false for LF or none)

    std::size_t size() const noexcept { return fields.size(); }
    bool isNull(std::size_t i) const noexcept { return quoted[i] == 0 && fields[i].empty(); }
};

/// A malformed record, for the quarantine. Views stay valid until the next call to Reader::next().
struct Malformed {
    std::uint64_t line = 0;   ///< 1-based physical line where the bad bytes start
    std::uint64_t number = 0; ///< the record number it takes
    Defect defect = Defect::None;
    std::size_t column = 0;    ///< 1-based field position of the defect; 0 when it concerns the whole record
    std::string reason;        ///< in words, e.g. "stray quote in unquoted field at column 3"
    std::string_view raw;      ///< the bytes as in the file, without the line terminator
    bool rawTruncated = false; ///< raw holds only the first bytes of an over-long line
};

struct ReaderStats {
    std::uint64_t bytes = 0;         ///< consumed from the input, byte order mark included
    std::uint64_t lines = 0;         ///< physical lines consumed (header, blank and embedded lines included)
    std::uint64_t records = 0;       ///< valid data records returned
    std::uint64_t malformed = 0;     ///< malformed records returned
    std::uint64_t blankLines = 0;    ///< blank lines skipped
    bool byteOrderMark = false;      ///< a UTF-8 BOM was skipped
    std::size_t bufferBytes = 0;     ///< current buffer capacity
    std::size_t peakBufferBytes = 0; ///< high-water mark of buffer + unescape scratch capacity
};

enum class Outcome { Record, Malformed, End };

class Reader
{
public:
    /// Opens `path`. Throws FileError (naming the file and the system's reason)
    /// if it cannot, and FormatError if the header row is malformed.
    explicit Reader(const std::string &path, ReaderOptions options = {});
    /// Reads from a stream; `name` stands for the file in messages.
    Reader(std::istream &input, std::string name, ReaderOptions options = {});
    ~Reader();
    Reader(Reader &&) noexcept;
    Reader &operator=(Reader &&) noexcept;

    /// Advances to the next record. After Outcome::Record use record(), after
    /// Outcome::Malformed use malformed(); both stay valid until the next call.
    /// Throws FileError only when the input itself fails to read.
    Outcome next();

    const Record &record() const noexcept { return m_record; }
    const Malformed &malformed() const noexcept { return m_malformed; }
    /// "file:line: reason" for the last malformed record.
    std::string malformedMessage() const;

    /// The header's fields (empty without a header, or for an empty file).
    const std::vector<std::string> &header() const noexcept { return m_header; }
    const std::string &name() const noexcept { return m_name; }
    ReaderStats stats() const noexcept;

    class Source;

private:
    void start();
    bool skipToContent();
    void skipRestOfLine();
    void checkByteOrderMark();
    void refill();
    Outcome emitComplete();
    Outcome emitUnterminated(bool tooLarge);
    Outcome emitTooLarge();
    Outcome emitMalformed(std::uint64_t line, Defect defect, std::size_t column, std::string reason,
                          std::string_view raw);
    void noteMemory() noexcept;

    std::unique_ptr<Source> m_source;
    std::string m_name;
    ReaderOptions m_options;
    detail::RecordScanner m_scanner;

    std::unique_ptr<char[]> m_buffer;
    std::size_t m_capacity = 0;
    std::size_t m_pos = 0;    ///< first unconsumed byte
    std::size_t m_end = 0;    ///< end of valid bytes
    std::uint64_t m_base = 0; ///< input offset of m_buffer[0]
    bool m_eof = false;
    bool m_skipLine = false; ///< the rest of an over-long line is still to be skipped
    bool m_readingHeader = false;
    std::size_t m_expectedFields = 0; ///< 0: no check
    std::uint64_t m_line = 1;         ///< physical line at m_pos
    std::uint64_t m_number = 0;

    std::string m_scratch;
    std::vector<std::string> m_header;
    Record m_record;
    Malformed m_malformed;
    ReaderStats m_stats;
};

/// One record parsed from memory: `text` holds exactly one record, optionally
/// followed by one line terminator. An empty text is one NULL field.
struct ParsedRecord {
    bool ok = false;
    std::vector<std::string> fields;
    std::vector<std::uint8_t> quoted;
    Defect defect = Defect::None;
    std::string reason;

    bool isNull(std::size_t i) const noexcept { return quoted[i] == 0 && fields[i].empty(); }
};

ParsedRecord parseRecord(std::string_view text, Dialect dialect = {});

} // namespace ecomops::csv
