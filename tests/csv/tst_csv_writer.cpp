#include "CsvTestUtil.h"

#include "csv/Reader.h"
#include "csv/Sha256.h"
#include "csv/Writer.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>

using namespace ecomops::csv;
using ecomops::csv::test::bytes;
using ecomops::csv::test::stdPath;

namespace {

/// What a writer produced for one call sequence, into memory.
template <typename Fill> QByteArray written(Fill fill, WriterOptions options = {})
{
    std::ostringstream out;
    {
        Writer writer(out, options);
        fill(writer);
        writer.close();
    }
    return QByteArray::fromStdString(out.str());
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

/// A random value from the characters that make CSV hard.
std::string randomValue(std::mt19937 &random)
{
    static const std::string_view pieces[] = {"a",   "Z",    "7", ",",        "\"",           "\r",
                                              "\n",  "\r\n", " ", "\xC3\xA7", "\xE6\x97\xA5", "\xEF\xBB\xBF",
                                              "\\.", "\"\"", ";", "\t"};
    std::string value;
    const int length = std::uniform_int_distribution<int>(0, 12)(random);
    for (int i = 0; i < length; ++i)
        value += pieces[std::uniform_int_distribution<std::size_t>(0, std::size(pieces) - 1)(random)];
    return value;
}

} // namespace

class TestCsvWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void quotesOnlyWhenNeeded_data();
    void quotesOnlyWhenNeeded();
    void nullIsNotEmpty();
    void numbers();
    void crlfTerminators();
    void recordsThatWouldVanishAreRefused();
    void byteCountAndChecksum();
    void sha256KnownAnswers();
    void fileErrorsNameTheFile();
    void roundTrip_data();
    void roundTrip();

private:
    QTemporaryDir m_dir;
};

void TestCsvWriter::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestCsvWriter::quotesOnlyWhenNeeded_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("edgeSpaces");
    QTest::addColumn<QByteArray>("expected"); // the value written as the second field of a record

    QTest::newRow("plain") << QByteArray("abc") << false << QByteArray("abc");
    QTest::newRow("empty") << QByteArray("") << false << QByteArray("\"\"");
    QTest::newRow("delimiter") << QByteArray("a,b") << false << QByteArray("\"a,b\"");
    QTest::newRow("quote") << QByteArray("say \"hi\"") << false << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("only quotes") << QByteArray("\"\"") << false << QByteArray("\"\"\"\"\"\"");
    QTest::newRow("cr") << QByteArray("a\rb") << false << QByteArray("\"a\rb\"");
    QTest::newRow("lf") << QByteArray("a\nb") << false << QByteArray("\"a\nb\"");
    QTest::newRow("crlf") << QByteArray("a\r\nb") << false << QByteArray("\"a\r\nb\"");
    QTest::newRow("edge spaces kept") << QByteArray(" a ") << false << QByteArray(" a ");
    QTest::newRow("edge spaces quoted") << QByteArray(" a") << true << QByteArray("\" a\"");
    QTest::newRow("inner space") << QByteArray("a b") << true << QByteArray("a b");
    QTest::newRow("end-of-data marker") << QByteArray("\\.") << false << QByteArray("\"\\.\"");
    QTest::newRow("byte order mark inside") << QByteArray("\xEF\xBB\xBFx") << false << QByteArray("\xEF\xBB\xBFx");
    QTest::newRow("utf-8") << QByteArray("S\xC3\xA3o Paulo") << false << QByteArray("S\xC3\xA3o Paulo");
}

void TestCsvWriter::quotesOnlyWhenNeeded()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, edgeSpaces);
    QFETCH(QByteArray, expected);

    WriterOptions options;
    options.quoteEdgeSpaces = edgeSpaces;
    const std::string_view text(value.constData(), static_cast<std::size_t>(value.size()));
    const QByteArray out = written(
        [&](Writer &writer) {
            writer.field("k");
            writer.field(text);
            writer.endRecord();
        },
        options);
    QCOMPARE(out, "k," + expected + "\n");

    const ParsedRecord back = parseRecord(std::string_view(out.constData(), static_cast<std::size_t>(out.size())));
    QVERIFY2(back.ok, back.reason.c_str());
    QCOMPARE(bytes(back.fields[1]), value);
    QVERIFY(!back.isNull(1));
}

void TestCsvWriter::nullIsNotEmpty()
{
    const QByteArray out = written([](Writer &writer) {
        writer.null();
        writer.field("");
        writer.field(nullptr);
        writer.field(std::optional<std::string>{});
        writer.field(std::optional<std::string>{"v"});
        writer.field(std::nullopt);
        writer.field(std::optional<int>{42});
        writer.endRecord();
    });
    QCOMPARE(out, QByteArray(",\"\",,,v,,42\n"));

    const QString path = ecomops::csv::test::writeFile(m_dir, QStringLiteral("nulls.csv"), out);
    ReaderOptions options;
    options.hasHeader = false;
    Reader reader(stdPath(path), options);
    QCOMPARE(reader.next(), Outcome::Record);
    const Record &record = reader.record();
    QCOMPARE(record.size(), 7u);
    const bool expectedNull[] = {true, false, true, true, false, true, false};
    for (std::size_t i = 0; i < record.size(); ++i)
        QVERIFY2(record.isNull(i) == expectedNull[i], qPrintable(QString::number(i)));
}

void TestCsvWriter::numbers()
{
    const QByteArray out = written([](Writer &writer) {
        writer.field(0);
        writer.field(-5);
        writer.field(std::numeric_limits<std::int64_t>::min());
        writer.field(std::numeric_limits<std::uint64_t>::max());
        writer.field(static_cast<short>(7));
        writer.field(0.1);
        writer.field(-2.5e-300);
        writer.field(1e21);
        writer.field(19.99);
        writer.endRecord();
    });
    QCOMPARE(out, QByteArray("0,-5,-9223372036854775808,18446744073709551615,7,0.1,-2.5e-300,1e+21,19.99\n"));

    // Shortest form, but exact: every double reads back bit for bit.
    std::mt19937_64 random(7);
    for (int i = 0; i < 1000; ++i) {
        double value = 0;
        const std::uint64_t bits = random();
        std::memcpy(&value, &bits, sizeof value);
        if (!std::isfinite(value))
            continue;
        const QByteArray text = written([&](Writer &writer) {
            writer.field(value);
            writer.field(1);
            writer.endRecord();
        });
        double back = 0;
        const auto [end, error] = std::from_chars(text.constData(), text.constData() + text.indexOf(','), back);
        QCOMPARE(error, std::errc());
        QCOMPARE(end, text.constData() + text.indexOf(','));
        QCOMPARE(std::memcmp(&back, &value, sizeof value), 0);
    }
}

void TestCsvWriter::crlfTerminators()
{
    WriterOptions options;
    options.crlf = true;
    const QByteArray out = written(
        [](Writer &writer) {
            writer.writeRecord({"a", "b\r\nc"});
            writer.writeRecord(std::vector<std::string>{"1", "2"});
        },
        options);
    QCOMPARE(out, QByteArray("a,\"b\r\nc\"\r\n1,2\r\n"));

    ReaderOptions readOptions;
    readOptions.hasHeader = false;
    Reader reader(stdPath(ecomops::csv::test::writeFile(m_dir, QStringLiteral("crlf.csv"), out)), readOptions);
    QCOMPARE(reader.next(), Outcome::Record);
    QVERIFY(reader.record().crlf);
    QCOMPARE(bytes(reader.record().fields[1]), QByteArray("b\r\nc"));
}

void TestCsvWriter::recordsThatWouldVanishAreRefused()
{
    std::ostringstream out;
    Writer writer(out);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writer.endRecord());
    writer.null();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writer.endRecord());
    writer.null();
    writer.endRecord(); // two NULLs make the line ",", which is not blank
    writer.close();
    QCOMPARE(QByteArray::fromStdString(out.str()), QByteArray(",\n"));
}

void TestCsvWriter::byteCountAndChecksum()
{
    const QString path = m_dir.filePath(QStringLiteral("checksum.csv"));
    WriterOptions options;
    options.sha256 = true;
    options.bufferSize = 64; // many flushes, and values longer than the buffer
    std::string halfwayDigest;
    std::uint64_t halfwayBytes = 0;
    std::uint64_t totalBytes = 0;
    std::string digest;
    {
        Writer writer(stdPath(path), options);
        for (int i = 0; i < 5000; ++i) {
            writer.field(i);
            writer.field(std::string(static_cast<std::size_t>(i % 150), i % 3 ? 'x' : '"'));
            writer.field(i * 0.5);
            writer.endRecord();
            if (i == 2500) {
                halfwayDigest = writer.sha256Hex();
                halfwayBytes = writer.bytesWritten();
            }
        }
        QCOMPARE(writer.recordsWritten(), 5000u);
        writer.close();
        totalBytes = writer.bytesWritten();
        digest = writer.sha256Hex();
    }
    const QByteArray content = readAll(path);
    QCOMPARE(totalBytes, static_cast<std::uint64_t>(content.size()));
    QCOMPARE(QByteArray::fromStdString(digest), QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    QCOMPARE(QByteArray::fromStdString(halfwayDigest),
             QCryptographicHash::hash(content.left(static_cast<qsizetype>(halfwayBytes)), QCryptographicHash::Sha256)
                 .toHex());

    std::ostringstream out;
    Writer plain(out);
    QVERIFY_THROWS_EXCEPTION(std::logic_error, plain.sha256Hex());
}

void TestCsvWriter::sha256KnownAnswers()
{
    Sha256 empty;
    QCOMPARE(empty.hexDigest(), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    Sha256 abc;
    abc.update("ab");
    abc.update("c");
    QCOMPARE(abc.hexDigest(), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestCsvWriter::fileErrorsNameTheFile()
{
    const QString missingDir = m_dir.filePath(QStringLiteral("no-such-dir/out.csv"));
    try {
        Writer writer(stdPath(missingDir));
        QFAIL("creating a file in a missing directory must throw");
    } catch (const FileError &error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(missingDir), error.what());
    }

    if (!QFile::exists(QStringLiteral("/dev/full")))
        QSKIP("no /dev/full to fill");
    Writer full("/dev/full");
    full.writeRecord({"a", "b"});
    try {
        full.close();
        QFAIL("a full disk must be reported");
    } catch (const FileError &error) {
        QCOMPARE(error.errorNumber(), ENOSPC);
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("/dev/full")), error.what());
    }
}

void TestCsvWriter::roundTrip_data()
{
    QTest::addColumn<unsigned>("seed");
    QTest::addColumn<bool>("crlf");
    QTest::addColumn<int>("writeBuffer");
    QTest::addColumn<int>("readBuffer");
    for (const unsigned seed : {1u, 2u, 3u, 20240601u}) {
        QTest::addRow("seed%u lf", seed) << seed << false << 64 << 4;
        QTest::addRow("seed%u crlf", seed) << seed << true << 1 << 7;
        QTest::addRow("seed%u lf big buffers", seed) << seed << false << (1 << 20) << (1 << 20);
    }
}

void TestCsvWriter::roundTrip()
{
    QFETCH(unsigned, seed);
    QFETCH(bool, crlf);
    QFETCH(int, writeBuffer);
    QFETCH(int, readBuffer);

    struct Value {
        std::optional<std::string> text; // nullopt: NULL
    };
    std::mt19937 random(seed);
    std::vector<std::vector<Value>> rows(3000);
    for (auto &row : rows) {
        const int columns = std::uniform_int_distribution<int>(1, 6)(random);
        for (int c = 0; c < columns; ++c) {
            const bool null = columns > 1 && std::uniform_int_distribution<int>(0, 5)(random) == 0;
            row.push_back({null ? std::nullopt : std::optional<std::string>(randomValue(random))});
        }
    }

    const QString path =
        m_dir.filePath(QStringLiteral("roundtrip-%1.csv").arg(QString::fromUtf8(QTest::currentDataTag())));
    WriterOptions writeOptions;
    writeOptions.crlf = crlf;
    writeOptions.bufferSize = static_cast<std::size_t>(writeBuffer);
    {
        Writer writer(stdPath(path), writeOptions);
        for (const auto &row : rows) {
            for (const Value &value : row)
                writer.field(value.text);
            writer.endRecord();
        }
        writer.close();
    }

    ReaderOptions readOptions;
    readOptions.hasHeader = false;
    readOptions.bufferSize = static_cast<std::size_t>(readBuffer);
    Reader reader(stdPath(path), readOptions);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const Outcome outcome = reader.next();
        QVERIFY2(outcome == Outcome::Record, reader.malformedMessage().c_str());
        const Record &record = reader.record();
        QCOMPARE(record.crlf, crlf);
        QCOMPARE(record.size(), rows[r].size());
        for (std::size_t c = 0; c < record.size(); ++c) {
            const auto &expected = rows[r][c].text;
            QCOMPARE(record.isNull(c), !expected.has_value());
            if (expected)
                QCOMPARE(bytes(record.fields[c]), QByteArray::fromStdString(*expected));
        }
    }
    QCOMPARE(reader.next(), Outcome::End);
    QCOMPARE(reader.stats().malformed, 0u);
    QCOMPARE(reader.stats().blankLines, 0u);
}

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csv_writer.moc"
