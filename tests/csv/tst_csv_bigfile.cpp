// A file of about 200 MB through the writer and back through the reader:
// memory stays at the reader's buffer size whatever the file size, and the
// throughput is printed (a figure to watch, not an assertion).

#include "csv/Reader.h"
#include "csv/Writer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <fstream>
#include <string>

using namespace ecomops::csv;

namespace {

constexpr std::uint64_t kTargetBytes = std::uint64_t{200} << 20;

/// Resident memory of this process in KiB, from /proc (0 where there is none).
long residentKiB()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            long kib = 0;
            status >> kib;
            return kib;
        }
        status.ignore(1 << 12, '\n');
    }
    return 0;
}

} // namespace

class TestCsvBigFile : public QObject
{
    Q_OBJECT

private slots:
    void readsInConstantMemory();
};

void TestCsvBigFile::readsInConstantMemory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("order_lines.csv")).toStdString();

    // Order lines shaped like the synthetic shop's, with now and then a
    // quoted note holding quotes, a delimiter and a line break.
    QElapsedTimer timer;
    timer.start();
    std::uint64_t rows = 0;
    std::uint64_t bytes = 0;
    {
        Writer writer(path);
        writer.writeRecord({"order_id", "line_no", "product_id", "customer_id", "quantity", "unit_price", "ordered_at",
                            "channel", "note"});
        while (writer.bytesWritten() < kTargetBytes) {
            ++rows;
            writer.field(rows / 2 + 1000000);
            writer.field(rows % 2 + 1);
            writer.field(rows * 7919 % 1000 + 1);
            writer.field(rows * 104729 % 10000 + 1);
            writer.field(rows % 5 + 1);
            writer.field(rows % 3 ? std::string_view("19.99") : std::string_view("1234.50"));
            writer.field("2024-11-29 20:15:42");
            writer.field(rows % 4 ? std::string_view("Website") : std::string_view("Mobile App"));
            if (rows % 1000 == 0)
                writer.field("gift wrap, \"urgent\"\nsecond line");
            else if (rows % 10 == 0)
                writer.field("");
            else
                writer.null();
            writer.endRecord();
        }
        writer.close();
        bytes = writer.bytesWritten();
    }
    const double writeSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    qInfo("wrote %.1f MB, %llu rows in %.2f s: %.0f MB/s, %.2f M rows/s", static_cast<double>(bytes) / 1e6,
          static_cast<unsigned long long>(rows), writeSeconds, static_cast<double>(bytes) / 1e6 / writeSeconds,
          static_cast<double>(rows) / 1e6 / writeSeconds);

    const long residentBefore = residentKiB();
    timer.restart();
    Reader reader(path);
    QCOMPARE(reader.header().size(), 9u);
    std::uint64_t records = 0;
    std::uint64_t notes = 0;
    for (Outcome outcome = reader.next(); outcome != Outcome::End; outcome = reader.next()) {
        QVERIFY2(outcome == Outcome::Record, reader.malformedMessage().c_str());
        ++records;
        notes += reader.record().fields[8].size() > 20;
    }
    const double readSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const long residentGrowth = residentKiB() - residentBefore;
    const ReaderStats stats = reader.stats();
    qInfo("read %.1f MB, %llu rows in %.2f s: %.0f MB/s, %.2f M rows/s; buffer peak %zu bytes, resident +%ld KiB",
          static_cast<double>(stats.bytes) / 1e6, static_cast<unsigned long long>(records), readSeconds,
          static_cast<double>(stats.bytes) / 1e6 / readSeconds, static_cast<double>(records) / 1e6 / readSeconds,
          stats.peakBufferBytes, residentGrowth);

    QCOMPARE(records, rows);
    QCOMPARE(notes, rows / 1000);
    QCOMPARE(stats.bytes, bytes);
    QCOMPARE(stats.lines, rows + 1 + rows / 1000);
    QCOMPARE(stats.malformed, 0u);
    QCOMPARE(stats.bufferBytes, std::size_t{1} << 20);
    QVERIFY2(stats.peakBufferBytes <= (std::size_t{1} << 20) + 4096, std::to_string(stats.peakBufferBytes).c_str());
    if (residentBefore > 0)
        QVERIFY2(residentGrowth < 32 * 1024, std::to_string(residentGrowth).c_str());

    QVERIFY(QFile::remove(QString::fromStdString(path)));
}

QTEST_GUILESS_MAIN(TestCsvBigFile)
#include "tst_csv_bigfile.moc"
