#include "load/TableLoader.h"

#include "core/Logging.h"
#include "csv/Reader.h"
#include "csv/Writer.h"
#include "load/PgConnection.h"
#include "load/RowChecker.h"

#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <sstream>

namespace ecomops::load {
namespace {

// The source's "<file>:<line>: <reason>" and its record as it stood, when a
// staged record is one an adapter could not read (its first field starts
// with staging::kUnreadableSourcePrefix, its second is the source's bytes).
struct UnreadableSource {
    std::string reason;
    std::string raw;
};

std::optional<UnreadableSource> unreadableSource(std::string_view raw)
{
    csv::ParsedRecord parsed = csv::parseRecord(raw);
    const std::string_view prefix = staging::kUnreadableSourcePrefix;
    if (!parsed.ok || parsed.fields.size() < 2 || parsed.fields[0].size() <= prefix.size() ||
        parsed.fields[0].compare(0, prefix.size(), prefix) != 0)
        return std::nullopt;
    return UnreadableSource{parsed.fields[0].substr(prefix.size()), std::move(parsed.fields[1])};
}

constexpr std::size_t kBatchBytes = 256 * 1024;
constexpr qint64 kProgressEveryRows = 16384;

// Rejected rows wait in a temporary file (constant memory) as CSV ready for
// COPY into quarantine.rejected_row, sent after the table's own COPY.
class QuarantineSpool
{
public:
    QuarantineSpool(qint64 runId, std::string table) : m_runId(runId), m_table(std::move(table)), m_file(std::tmpfile())
    {
        if (!m_file)
            throw std::runtime_error("cannot create a temporary file for the quarantine");
    }
    ~QuarantineSpool() { std::fclose(m_file); }

    void add(std::uint64_t line, std::string_view raw, const std::vector<RowFailure> &failures)
    {
        std::vector<std::string> reasons, rules;
        for (const RowFailure &f : failures) {
            if (f.rejects) {
                reasons.push_back(f.reason);
                rules.push_back(f.ruleId);
            }
        }
        m_stream.str(std::string());
        csv::WriterOptions small;
        small.bufferSize = 4096; // rejects are few; no 1 MiB buffer per row
        csv::Writer w(m_stream, small);
        w.field(m_runId);
        w.field(std::string_view(m_table));
        w.field(static_cast<long long>(line));
        w.field(std::string_view("load"));
        w.field(std::string_view(storableText(raw)));
        w.field(std::string_view(arrayLiteral(reasons)));
        w.field(std::string_view(arrayLiteral(rules)));
        w.endRecord();
        w.flush();
        const std::string text = m_stream.str();
        std::fwrite(text.data(), 1, text.size(), m_file);
        ++m_count;
    }

    qint64 count() const { return m_count; }

    void send(PgConnection &connection)
    {
        if (m_count == 0)
            return;
        std::fflush(m_file);
        std::rewind(m_file);
        connection.copyBegin(
            "COPY quarantine.rejected_row (run_id, table_name, source_line, stage, raw_record, reasons, rule_ids) "
            "FROM STDIN (FORMAT csv)");
        std::vector<char> buffer(kBatchBytes);
        std::size_t n;
        while ((n = std::fread(buffer.data(), 1, buffer.size(), m_file)) > 0)
            connection.copySend(buffer.data(), n);
        connection.copyEnd();
    }

private:
    // A text column cannot hold bytes that are not UTF-8 (or NUL): those are
    // kept visible as \xNN, everything else exactly as read.
    static std::string storableText(std::string_view raw) { return showInvalidBytes(raw); }

    static std::string arrayLiteral(const std::vector<std::string> &items)
    {
        std::string out = "{";
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                out += ',';
            out += '"';
            for (char c : items[i]) {
                if (c == '"' || c == '\\')
                    out += '\\';
                out += c;
            }
            out += '"';
        }
        out += '}';
        return out;
    }

    qint64 m_runId;
    std::string m_table;
    std::FILE *m_file;
    std::ostringstream m_stream;
    qint64 m_count = 0;
};

// COPY … (FORMAT binary): the client has already split the record into
// fields, so the server is spared CSV parsing — the part of COPY that costs
// it most (BUILD-NOTES: binary \copy ran 1.24–1.5x text \copy).
class BinaryRows
{
public:
    static void header(std::string &out)
    {
        static const char signature[] = "PGCOPY\n\377\r\n\0";
        out.append(signature, 11);
        putInt32(out, 0); // flags
        putInt32(out, 0); // header extension length
    }
    static void trailer(std::string &out) { putInt16(out, -1); }

    static void row(std::string &out, std::uint64_t line, const csv::Record &record)
    {
        putInt16(out, std::int16_t(record.size() + 1));
        putInt32(out, 8);
        putInt64(out, std::int64_t(line));
        for (std::size_t i = 0; i < record.size(); ++i) {
            if (record.isNull(i)) {
                putInt32(out, -1);
            } else {
                const std::string_view f = record.fields[i];
                putInt32(out, std::int32_t(f.size()));
                out.append(f.data(), f.size());
            }
        }
    }

private:
    static void putInt16(std::string &out, std::int16_t v)
    {
        const std::uint16_t be = __builtin_bswap16(std::uint16_t(v));
        out.append(reinterpret_cast<const char *>(&be), 2);
    }
    static void putInt32(std::string &out, std::int32_t v)
    {
        const std::uint32_t be = __builtin_bswap32(std::uint32_t(v));
        out.append(reinterpret_cast<const char *>(&be), 4);
    }
    static void putInt64(std::string &out, std::int64_t v)
    {
        const std::uint64_t be = __builtin_bswap64(std::uint64_t(v));
        out.append(reinterpret_cast<const char *>(&be), 8);
    }
};

} // namespace

TableLoader::TableLoader(QString conninfo, qint64 runId, const staging::TableSpec &table, QString csvPath,
                         qint64 expectedRows)
    : m_conninfo(std::move(conninfo)), m_runId(runId), m_table(table), m_csvPath(std::move(csvPath)),
      m_expectedRows(expectedRows)
{
}

std::string TableLoader::partitionName(const std::string &table, qint64 runId)
{
    return table + "_r" + std::to_string(runId);
}

TableLoadResult TableLoader::run(StageObserver &observer, CancelToken &cancel, PgConnection *reuse)
{
    QElapsedTimer timer;
    timer.start();
    TableLoadResult result;
    result.counts.stage = QStringLiteral("load");
    result.counts.table = QString::fromStdString(m_table.name);

    observer.progress(result.counts.table, 0, m_expectedRows); // starts the clock for rows/s
    csv::Reader reader(QFile::encodeName(m_csvPath).toStdString());
    // The file names its columns: any of the table's, in any order, each
    // once, with every business-key column present. Columns a source does
    // not have stay NULL; a column the table does not know is an error.
    const std::vector<std::string> &header = reader.header();
    const std::vector<std::string> expected = header;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (m_table.columnIndex(header[i]) < 0 ||
            std::find(header.begin(), header.begin() + long(i), header[i]) != header.begin() + long(i)) {
            std::string want;
            for (const auto &h : m_table.columnNames())
                want += (want.empty() ? "" : ",") + h;
            throw std::runtime_error(reader.name() + ":1: the header column \"" + header[i] + "\" is " +
                                     (m_table.columnIndex(header[i]) < 0 ? "not a column" : "repeated") +
                                     " of the table " + m_table.name + " (its columns: " + want + ")");
        }
    }
    for (const std::string &key : m_table.businessKey) {
        if (std::find(header.begin(), header.end(), key) == header.end())
            throw std::runtime_error(reader.name() + ":1: the header lacks the column \"" + key +
                                     "\", part of the key of " + m_table.name);
    }

    std::unique_ptr<PgConnection> own;
    if (!reuse)
        own = std::make_unique<PgConnection>(m_conninfo);
    PgConnection &connection = reuse ? *reuse : *own;
    const auto interrupt = connection.interruptOn(cancel);
    const std::string partition = "staging." + connection.quoteIdentifier(partitionName(m_table.name, m_runId));
    const std::string run = std::to_string(m_runId);

    const std::string tableLiteral = "'" + m_table.name + "'"; // a catalogue name: [a-z_]+

    connection.exec("BEGIN");
    // Created in this transaction: COPY FREEZE is allowed, a rollback leaves
    // nothing, and ATTACH (with a matching CHECK) skips the validation scan.
    // Creating, attaching and clearing are the owner's: SECURITY DEFINER
    // functions (0065) let an ecomops_operator do them for its own run.
    connection.exec("SELECT ops.create_staging_partition(" + tableLiteral + ", " + run + ")");
    connection.exec("SELECT ops.discard_run_rows(" + run + ", 'load', " + tableLiteral + ")");
    std::string columns = "source_line";
    for (const auto &c : expected)
        columns += ", " + connection.quoteIdentifier(c);
    connection.copyBegin("COPY " + partition + " (" + columns + ") FROM STDIN (FORMAT binary, FREEZE)");

    QuarantineSpool quarantine(m_runId, m_table.name);
    std::string batch;
    batch.reserve(kBatchBytes + 64 * 1024);
    std::vector<RowFailure> failures;
    qint64 sent = 0;
    qint64 read = 0;
    bool copying = true;
    BinaryRows::header(batch);
    try {
        for (;;) {
            const csv::Outcome outcome = reader.next();
            if (outcome == csv::Outcome::End)
                break;
            ++read;
            if (outcome == csv::Outcome::Malformed) {
                const csv::Malformed &bad = reader.malformed();
                std::optional<UnreadableSource> source;
                if (bad.defect == csv::Defect::FieldCount)
                    source = unreadableSource(bad.raw);
                failures.assign(1, {"csv.well_formed", source ? source->reason : reader.malformedMessage(), true});
                quarantine.add(bad.line, source ? std::string_view(source->raw) : bad.raw, failures);
                ++result.malformed;
            } else {
                const csv::Record &record = reader.record();
                failures.clear();
                const std::size_t badByte = firstInvalidUtf8(record.raw);
                if (badByte != std::string_view::npos) {
                    failures.push_back({"csv.utf8",
                                        reader.name() + ":" + std::to_string(record.line) +
                                            ": not valid UTF-8 text (byte " + std::to_string(badByte + 1) +
                                            " of the record)",
                                        true});
                    ++result.malformed;
                } else if (m_checker) {
                    m_checker->check(record, failures);
                }
                bool rejected = false;
                for (const RowFailure &f : failures)
                    rejected = rejected || f.rejects;
                if (rejected) {
                    quarantine.add(record.line, record.raw, failures);
                    if (badByte == std::string_view::npos)
                        ++result.rejectedByRules;
                } else {
                    BinaryRows::row(batch, record.line, record);
                    ++sent;
                }
            }
            if (batch.size() >= kBatchBytes) {
                connection.copySend(batch.data(), batch.size());
                batch.clear();
                cancel.throwIfCancelled();
            }
            if (read % kProgressEveryRows == 0)
                observer.progress(result.counts.table, read, m_expectedRows);
        }
        BinaryRows::trailer(batch);
        connection.copySend(batch.data(), batch.size());
        cancel.throwIfCancelled();
        copying = false;
        const long long stored = connection.copyEnd();
        if (stored != sent)
            throw std::runtime_error("COPY stored " + std::to_string(stored) + " rows of " + std::to_string(sent) +
                                     " sent to " + partition);
        quarantine.send(connection);
        connection.exec("SELECT ops.attach_staging_partition(" + tableLiteral + ", " + run + ")");
        cancel.throwIfCancelled();
        connection.exec("COMMIT");
    } catch (...) {
        if (copying)
            connection.copyAbort("load abandoned");
        // The caller discards the connection; its open transaction rolls back.
        throw;
    }

    const auto stats = reader.stats();
    result.counts.read = read;
    result.counts.loaded = sent;
    result.counts.quarantined = quarantine.count();
    result.blankLines = qint64(stats.blankLines);
    result.bytes = qint64(stats.bytes);
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    observer.progress(result.counts.table, read, m_expectedRows);
    return result;
}

} // namespace ecomops::load
