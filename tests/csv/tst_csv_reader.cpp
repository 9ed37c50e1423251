#include "CsvTestUtil.h"
#include "TestSupport.h"

#include "csv/Reader.h"

#include <QDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <sstream>

using namespace ecomops::csv;
using ecomops::csv::test::bytes;
using ecomops::csv::test::render;
using ecomops::csv::test::renderAll;
using ecomops::csv::test::stdPath;
using ecomops::csv::test::visible;
using ecomops::csv::test::writeFile;

namespace {

ReaderOptions noHeader(std::size_t bufferSize = std::size_t{1} << 20)
{
    ReaderOptions options;
    options.hasHeader = false;
    options.bufferSize = bufferSize;
    return options;
}

/// Physical lines as a text editor counts them.
std::uint64_t physicalLines(const QByteArray &content)
{
    return static_cast<std::uint64_t>(content.count('\n')) + (content.isEmpty() || content.endsWith('\n') ? 0 : 1);
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parses_data();
    void parses();
    void parseRecord_data();
    void parseRecord();
    void headerAndRecordDetails();
    void headerOnly_data();
    void headerOnly();
    void emptyFile();
    void malformedHeaderThrows();
    void fieldCountAgainstHeader();
    void fieldCountOptions();
    void longRunOfBlankLines();
    void unterminatedQuoteCostsOneLine();
    void lineLongerThanMax_data();
    void lineLongerThanMax();
    void quoteOpenBeyondMax();
    void recordOfExactlyMaxBytes_data();
    void recordOfExactlyMaxBytes();
    void rawIsTheOriginalText();
    void missingFileNamesTheFile();
    void directoryIsReported();
    void readsFromStream();
    void otherDialect();
    void sharedSamples();

private:
    QString file(const QByteArray &content);
    QTemporaryDir m_dir;
    int m_files = 0;
};

void TestCsvReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TestCsvReader::file(const QByteArray &content)
{
    return writeFile(m_dir, QStringLiteral("f%1.csv").arg(++m_files), content);
}

void TestCsvReader::parses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("expected");
    QTest::addColumn<int>("bufferSize");

    // Every case runs with tiny buffers too, so that records, quotes, CRLFs
    // and the byte order mark straddle buffer refills.
    const auto add = [](const char *name, const QByteArray &input, const QByteArrayList &expected) {
        for (const int bufferSize : {4, 5, 7, 16, 1 << 20})
            QTest::addRow("%s/buf%d", name, bufferSize) << input << expected << bufferSize;
    };

    add("lf", "a,b,c\n1,2,3\n", {"1: a|b|c", "2: 1|2|3"});
    add("crlf", "a,b\r\n1,2\r\n", {"1: a|b", "2: 1|2"});
    add("mixed terminators", "a,b\r\n1,2\n3,4\r\n", {"1: a|b", "2: 1|2", "3: 3|4"});
    add("no final newline", "a,b\n1,2", {"1: a|b", "2: 1|2"});
    add("quoted fields", "\"a\",\"b c\"\n", {"1: \"a\"|\"b c\""});
    add("doubled quotes", "\"He said \"\"hi\"\"\",x\n", {"1: \"He said \"hi\"\"|x"});
    add("only a quote", "\"\"\"\",\"\"\"\"\"\"\n", {"1: \"\"\"|\"\"\"\""});
    add("embedded delimiter", "\"a,b\",c\n", {"1: \"a,b\"|c"});
    add("embedded lf", "\"line1\nline2\",x\n2,y\n", {"1: \"line1\\nline2\"|x", "3: 2|y"});
    add("embedded crlf", "\"line1\r\nline2\",x\r\n2,y\r\n", {"1: \"line1\\r\\nline2\"|x", "3: 2|y"});
    add("embedded blank lines", "\"a\n\n\r\n\nb\",c\nd,e\n", {"1: \"a\\n\\n\\r\\n\\nb\"|c", "6: d|e"});
    add("quoted and unquoted mixed", "\"06b8\",861e,\"14409\",franca,SP\nb2b6,\"259d\",\"08775\",mogi,SP\n",
        {"1: \"06b8\"|861e|\"14409\"|franca|SP", "2: b2b6|\"259d\"|\"08775\"|mogi|SP"});
    add("null and empty", "a,,\"\",\n", {"1: a||\"\"|"});
    add("only nulls", ",\n,,\n", {"1: |", "2: ||"});
    add("empty quoted line", "\"\"\n", {"1: \"\""});
    add("spaces kept", " a , b \n", {"1:  a | b "});
    add("utf-8", "a\xC3\xA7\xC3\xA3o,\xE6\x97\xA5\xE6\x9C\xAC\n", {"1: a\xC3\xA7\xC3\xA3o|\xE6\x97\xA5\xE6\x9C\xAC"});
    add("blank lines", "\n\na,b\n\r\n\n1,2\n\n", {"3: a|b", "6: 1|2"});
    add("only blank lines", "\n\r\n\n", {});
    add("empty", "", {});
    add("byte order mark",
        "\xEF\xBB\xBF"
        "a,b\n",
        {"1: a|b"});
    add("byte order mark then quote", "\xEF\xBB\xBF\"a\",b\n", {"1: \"a\"|b"});
    add("byte order mark later is data",
        "a,b\n\xEF\xBB\xBF"
        "c,d\n",
        {"1: a|b", "2: \xEF\xBB\xBF"
                   "c|d"});
    add("quoted at end of input", "a,\"b\"", {"1: a|\"b\""});
    add("delimiter at end of input", "a,", {"1: a|"});
    add("cr at end of input", "a,b\r", {"1: a|b"});
    add("quoted then cr at end of input", "a,\"b\"\r", {"1: a|\"b\""});
    add("stray quote", "a,b\"c,d\n1,2,3\n", {"1: !stray quote@2", "2: 1|2|3"});
    add("stray quote at end", "a,bc\"\n1,2\n", {"1: !stray quote@2", "2: 1|2"});
    add("text after closing quote", "\"ab\"c,d\nx,y\n", {"1: !text after closing quote@1", "2: x|y"});
    add("bare cr", "a\rb,c\nx,y\n", {"1: !bare carriage return@1", "2: x|y"});
    add("unterminated quote", "1,\"open,3\n2,x,4\n3,y,5\n",
        {"1: !unterminated quoted field@2", "2: 2|x|4", "3: 3|y|5"});
    add("unterminated quote before a quoted field", "1,\"open,3\n2,\"x\",4\n3,y,5\n",
        {"1: !unterminated quoted field@2", "2: 2|\"x\"|4", "3: 3|y|5"});
    add("unterminated quote on the last line", "a,b\n1,\"2", {"1: a|b", "2: !unterminated quoted field@2"});
    add("unterminated quote on the last line with newline", "a,b\n1,\"2\n",
        {"1: a|b", "2: !unterminated quoted field@2"});
    add("unterminated quote in crlf file", "1,\"open\r\n2,x\r\n", {"1: !unterminated quoted field@2", "2: 2|x"});
    add("multi-line quote closed by text", "1,\"a\nb\"x,2\n3,4\n",
        {"1: !unterminated quoted field@2", "2: !stray quote@1", "3: 3|4"});
    add("defect after a multi-line field", "\"x\ny\",a\"b\n1,2\n", {"1: !stray quote@2", "3: 1|2"});
    add("defects then good records", "\"a\"b\n\"c\"\"\"\nd\re\nf\n",
        {"1: !text after closing quote@1", "2: \"c\"\"", "3: !bare carriage return@1", "4: f"});
}

void TestCsvReader::parses()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, expected);
    QFETCH(int, bufferSize);

    Reader reader(stdPath(file(input)), noHeader(static_cast<std::size_t>(bufferSize)));
    QByteArrayList got;
    for (Outcome outcome = reader.next(); outcome != Outcome::End; outcome = reader.next()) {
        got << render(reader, outcome);
        if (outcome == Outcome::Record) {
            // The raw text is the record: it parses back to the same fields.
            const ParsedRecord again = ecomops::csv::parseRecord(reader.record().raw);
            QVERIFY2(again.ok, again.reason.c_str());
            QCOMPARE(again.fields.size(), reader.record().size());
            for (std::size_t i = 0; i < again.fields.size(); ++i) {
                QCOMPARE(bytes(again.fields[i]), bytes(reader.record().fields[i]));
                QCOMPARE(again.quoted[i], reader.record().quoted[i]);
            }
        } else {
            QVERIFY(!reader.malformed().raw.empty() || reader.malformed().defect == Defect::UnterminatedQuote);
            QVERIFY(!reader.malformed().reason.empty());
        }
    }
    QCOMPARE(got, expected);
    QCOMPARE(reader.next(), Outcome::End); // End is sticky

    const ReaderStats stats = reader.stats();
    QCOMPARE(stats.bytes, static_cast<std::uint64_t>(input.size()));
    QCOMPARE(stats.lines, physicalLines(input));
    QCOMPARE(stats.records + stats.malformed, static_cast<std::uint64_t>(expected.size()));
    QCOMPARE(stats.byteOrderMark, input.startsWith("\xEF\xBB\xBF"));
}

void TestCsvReader::parseRecord_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("fields"); // as render() shows them, or the defect name
    QTest::newRow("plain") << QByteArray("a,b,c") << true << QByteArray("a|b|c");
    QTest::newRow("with lf") << QByteArray("a,b\n") << true << QByteArray("a|b");
    QTest::newRow("with crlf") << QByteArray("a,b\r\n") << true << QByteArray("a|b");
    QTest::newRow("quoted") << QByteArray("\"a,\"\"b\"\"\",\"\"") << true << QByteArray("\"a,\"b\"\"|\"\"");
    QTest::newRow("multi-line") << QByteArray("\"a\nb\",c") << true << QByteArray("\"a\\nb\"|c");
    QTest::newRow("nulls") << QByteArray(",,") << true << QByteArray("||");
    QTest::newRow("empty text") << QByteArray("") << true << QByteArray("");
    QTest::newRow("two records") << QByteArray("a\nb") << false << QByteArray("text after the record");
    QTest::newRow("unterminated") << QByteArray("a,\"b") << false << QByteArray("unterminated quoted field");
    QTest::newRow("stray quote") << QByteArray("a,b\"") << false << QByteArray("stray quote");
    QTest::newRow("after quote") << QByteArray("\"a\" ,b") << false << QByteArray("text after closing quote");
}

void TestCsvReader::parseRecord()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(QByteArray, fields);

    const ParsedRecord parsed = ecomops::csv::parseRecord(std::string_view(text.constData(), text.size()));
    QCOMPARE(parsed.ok, ok);
    if (!ok) {
        QCOMPARE(bytes(defectName(parsed.defect)), fields);
        QVERIFY(!parsed.reason.empty());
        return;
    }
    QByteArrayList shown;
    for (std::size_t i = 0; i < parsed.fields.size(); ++i) {
        const QByteArray value = visible(parsed.fields[i]);
        shown << (parsed.quoted[i] ? QByteArray('"' + value + '"') : value);
    }
    QCOMPARE(shown.join('|'), fields);
}

void TestCsvReader::headerAndRecordDetails()
{
    const QString path = file("\xEF\xBB\xBF"
                              "id,name,note\r\n\r\n1,\"Ann \"\"A\"\"\",\r\n2,\"x\ny\",\"\"\n");
    Reader reader(stdPath(path));
    QCOMPARE(reader.header(), (std::vector<std::string>{"id", "name", "note"}));
    QCOMPARE(reader.name(), stdPath(path));

    QCOMPARE(reader.next(), Outcome::Record);
    const Record &first = reader.record();
    QCOMPARE(first.line, 3u);
    QCOMPARE(first.number, 1u);
    QCOMPARE(bytes(first.raw), QByteArray("1,\"Ann \"\"A\"\"\","));
    QVERIFY(first.crlf);
    QCOMPARE(bytes(first.fields[1]), QByteArray("Ann \"A\""));
    QVERIFY(first.isNull(2));
    QVERIFY(!first.isNull(1));

    QCOMPARE(reader.next(), Outcome::Record);
    const Record &second = reader.record();
    QCOMPARE(second.line, 4u);
    QCOMPARE(second.number, 2u);
    QVERIFY(!second.crlf);
    QCOMPARE(bytes(second.raw), QByteArray("2,\"x\ny\",\"\""));
    QVERIFY(!second.isNull(2));
    QVERIFY(second.fields[2].empty());

    QCOMPARE(reader.next(), Outcome::End);
    const ReaderStats stats = reader.stats();
    QVERIFY(stats.byteOrderMark);
    QCOMPARE(stats.records, 2u);
    QCOMPARE(stats.blankLines, 1u);
    QCOMPARE(stats.lines, 5u);
    QCOMPARE(stats.malformed, 0u);
}

void TestCsvReader::headerOnly_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("lf") << QByteArray("a,b,c\n");
    QTest::newRow("no newline") << QByteArray("a,b,c");
    QTest::newRow("bom crlf blank lines") << QByteArray("\xEF\xBB\xBF\r\n"
                                                        "a,b,c\r\n\r\n\n");
    QTest::newRow("quoted") << QByteArray("\"a\",\"b\",\"c\"\n");
}

void TestCsvReader::headerOnly()
{
    QFETCH(QByteArray, input);
    for (const std::size_t bufferSize : {std::size_t{4}, std::size_t{1} << 20}) {
        ReaderOptions options;
        options.bufferSize = bufferSize;
        Reader reader(stdPath(file(input)), options);
        QCOMPARE(reader.header(), (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(reader.next(), Outcome::End);
        QCOMPARE(reader.stats().records, 0u);
        QCOMPARE(reader.stats().bytes, static_cast<std::uint64_t>(input.size()));
    }
}

void TestCsvReader::emptyFile()
{
    for (const bool hasHeader : {true, false}) {
        ReaderOptions options;
        options.hasHeader = hasHeader;
        Reader reader(stdPath(file(QByteArray())), options);
        QVERIFY(reader.header().empty());
        QCOMPARE(reader.next(), Outcome::End);
        const ReaderStats stats = reader.stats();
        QCOMPARE(stats.bytes, 0u);
        QCOMPARE(stats.lines, 0u);
        QCOMPARE(stats.records, 0u);
    }
}

void TestCsvReader::malformedHeaderThrows()
{
    const QString path = file("id,\"name\n1,x\n");
    try {
        Reader reader(stdPath(path));
        QFAIL("a malformed header must throw");
    } catch (const FormatError &error) {
        QCOMPARE(error.line(), 1u);
        const QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("unterminated quoted field starting at line 1, column 2")),
                 qPrintable(message));
    }
}

void TestCsvReader::fieldCountAgainstHeader()
{
    Reader reader(stdPath(file("a,b,c\n1,2\n1,2,3\n1,2,3,4\n,,\n")));
    QCOMPARE(renderAll(reader), (QByteArrayList{"2: !field count", "3: 1|2|3", "4: !field count", "5: ||"}));

    Reader again(stdPath(file("a,b,c\n1,2\n")));
    QCOMPARE(again.next(), Outcome::Malformed);
    QCOMPARE(again.malformed().reason, std::string("field count 2, expected 3"));
    QCOMPARE(again.malformed().number, 1u);
    QCOMPARE(bytes(again.malformed().raw), QByteArray("1,2"));
    QVERIFY(again.malformedMessage().find(again.name() + ":2: field count 2, expected 3") != std::string::npos);
}

void TestCsvReader::fieldCountOptions()
{
    const QByteArray input("a,b,c\n1,2\n1,2,3\n");
    ReaderOptions none;
    none.fieldCount = FieldCountCheck::None;
    Reader unchecked(stdPath(file(input)), none);
    QCOMPARE(renderAll(unchecked), (QByteArrayList{"2: 1|2", "3: 1|2|3"}));

    ReaderOptions fixed = noHeader();
    fixed.fieldCount = FieldCountCheck::Fixed;
    fixed.expectedFields = 2;
    Reader checked(stdPath(file(input)), fixed);
    QCOMPARE(renderAll(checked), (QByteArrayList{"1: !field count", "2: 1|2", "3: !field count"}));

    Reader headerless(stdPath(file(input)), noHeader()); // SameAsHeader without a header: no check
    QCOMPARE(renderAll(headerless).size(), 3);
}

void TestCsvReader::longRunOfBlankLines()
{
    QByteArray input("a,b\n1,x\n");
    for (int i = 0; i < 200000; ++i)
        input += i % 2 ? "\n" : "\r\n";
    input += "2,y\n\n";
    Reader reader(stdPath(file(input)));
    QCOMPARE(renderAll(reader), (QByteArrayList{"2: 1|x", "200003: 2|y"}));
    QCOMPARE(reader.stats().blankLines, 200001u);
    QCOMPARE(reader.stats().lines, 200004u);
}

void TestCsvReader::unterminatedQuoteCostsOneLine()
{
    // A stray opening quote near the top of a large file: one line goes to
    // the quarantine and every later record is still read.
    QByteArray input("id,text\n1,fine\n2,\"5 inch pipe\n");
    constexpr int kRest = 100000;
    for (int i = 0; i < kRest; ++i)
        input += QByteArray::number(i + 3) + ",row\n";
    Reader reader(stdPath(file(input)));
    int records = 0;
    QByteArrayList malformed;
    for (Outcome outcome = reader.next(); outcome != Outcome::End; outcome = reader.next()) {
        if (outcome == Outcome::Record)
            ++records;
        else
            malformed << QByteArray::fromStdString(reader.malformedMessage());
    }
    QCOMPARE(records, kRest + 1);
    QCOMPARE(malformed.size(), 1);
    QVERIFY2(malformed[0].endsWith(":3: unterminated quoted field starting at line 3, column 2"),
             malformed[0].constData());
    QCOMPARE(reader.stats().lines, static_cast<std::uint64_t>(kRest + 3));
}

void TestCsvReader::lineLongerThanMax_data()
{
    QTest::addColumn<int>("bufferSize");
    QTest::addColumn<bool>("quoted");
    for (const int bufferSize : {4, 16, 1 << 20}) {
        QTest::addRow("buf%d", bufferSize) << bufferSize << false;
        QTest::addRow("buf%d quoted", bufferSize) << bufferSize << true;
    }
}

void TestCsvReader::lineLongerThanMax()
{
    QFETCH(int, bufferSize);
    QFETCH(bool, quoted);
    const QByteArray longValue(5000, 'x');
    const QByteArray field = quoted ? QByteArray('"' + longValue + '"') : longValue;
    const QByteArray input = "1,a\n2," + field + "\n3,\"c\nc\"\n4,d";
    ReaderOptions options = noHeader(static_cast<std::size_t>(bufferSize));
    options.maxRecordBytes = 100;
    Reader reader(stdPath(file(input)), options);

    QCOMPARE(reader.next(), Outcome::Record);
    QCOMPARE(reader.next(), Outcome::Malformed);
    const Malformed &bad = reader.malformed();
    QCOMPARE(bad.line, 2u);
    QCOMPARE(bad.defect, Defect::TooLarge);
    QCOMPARE(bad.reason, std::string("record longer than the maximum of 100 bytes"));
    QVERIFY(bad.rawTruncated);
    QCOMPARE(bytes(bad.raw), input.mid(4, 100));
    QCOMPARE(renderAll(reader), (QByteArrayList{"3: 3|\"c\\nc\"", "5: 4|d"}));

    const ReaderStats stats = reader.stats();
    QCOMPARE(stats.lines, 5u);
    QCOMPARE(stats.bytes, static_cast<std::uint64_t>(input.size()));
    QVERIFY2(stats.peakBufferBytes <= std::max<std::size_t>(bufferSize, 102) + 100,
             std::to_string(stats.peakBufferBytes).c_str());
    QCOMPARE(stats.bufferBytes, std::max<std::size_t>(bufferSize, 4)); // shrunk back after the long line
}

void TestCsvReader::quoteOpenBeyondMax()
{
    QByteArray input("1,a\n2,\"open\n");
    for (int i = 0; i < 50; ++i)
        input += "k,v\n";
    ReaderOptions options = noHeader(8);
    options.maxRecordBytes = 100;
    Reader reader(stdPath(file(input)), options);
    const QByteArrayList got = renderAll(reader);
    QCOMPARE(got.size(), 52);
    QCOMPARE(got[1], QByteArray("2: !unterminated quoted field@2"));
    QCOMPARE(got[2], QByteArray("3: k|v"));
    QCOMPARE(got[51], QByteArray("52: k|v"));

    Reader again(stdPath(file(input)), options);
    QCOMPARE(again.next(), Outcome::Record);
    QCOMPARE(again.next(), Outcome::Malformed);
    QCOMPARE(again.malformed().reason,
             std::string("unterminated quoted field starting at line 2, column 2 (no closing quote within 100 bytes)"));
    QCOMPARE(bytes(again.malformed().raw), QByteArray("2,\"open"));
}

void TestCsvReader::recordOfExactlyMaxBytes_data()
{
    QTest::addColumn<int>("bufferSize");
    QTest::addColumn<QByteArray>("terminator");
    for (const int bufferSize : {4, 50, 100, 101, 102, 103, 1 << 20}) {
        QTest::addRow("buf%d lf", bufferSize) << bufferSize << QByteArray("\n");
        QTest::addRow("buf%d crlf", bufferSize) << bufferSize << QByteArray("\r\n");
        QTest::addRow("buf%d eof", bufferSize) << bufferSize << QByteArray();
    }
}

void TestCsvReader::recordOfExactlyMaxBytes()
{
    QFETCH(int, bufferSize);
    QFETCH(QByteArray, terminator);
    ReaderOptions options = noHeader(static_cast<std::size_t>(bufferSize));
    options.maxRecordBytes = 100;

    const QByteArray fits = "a,\"" + QByteArray(96, 'q') + "\""; // exactly 100 bytes
    Reader ok(stdPath(file(fits + terminator)), options);
    QCOMPARE(ok.next(), Outcome::Record);
    QCOMPARE(ok.record().raw.size(), 100u);
    QCOMPARE(ok.next(), Outcome::End);

    Reader tooLong(stdPath(file(fits + "x" + terminator)), options);
    QCOMPARE(tooLong.next(), Outcome::Malformed);
    QVERIFY(tooLong.malformed().defect == Defect::TooLarge ||
            tooLong.malformed().defect == Defect::TextAfterClosingQuote);
    QCOMPARE(tooLong.next(), Outcome::End);

    const QByteArray eol = terminator.isEmpty() ? QByteArray("\n") : terminator;
    Reader plain(stdPath(file(QByteArray(101, 'u') + eol + "b\n")), options);
    QCOMPARE(renderAll(plain), (QByteArrayList{"1: !record too large", "2: b"}));
}

void TestCsvReader::rawIsTheOriginalText()
{
    const QByteArray input("h1,h2\r\n\"a\"\"b\",\"c\r\nd\"\n,\"\"\r\n e ,f\n");
    Reader reader(stdPath(file(input)), noHeader(5));
    QByteArray rebuilt;
    while (reader.next() == Outcome::Record)
        rebuilt += bytes(reader.record().raw) + (reader.record().crlf ? "\r\n" : "\n");
    QCOMPARE(rebuilt, input);
}

void TestCsvReader::missingFileNamesTheFile()
{
    const QString path = m_dir.filePath(QStringLiteral("no-such-orders.csv"));
    try {
        Reader reader(stdPath(path));
        QFAIL("opening a missing file must throw");
    } catch (const FileError &error) {
        QCOMPARE(error.path(), stdPath(path));
        QCOMPARE(error.errorNumber(), ENOENT);
        const QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(QString::fromUtf8(std::strerror(ENOENT))), qPrintable(message));
    }
}

void TestCsvReader::directoryIsReported()
{
    QVERIFY_THROWS_EXCEPTION(FileError, Reader{stdPath(m_dir.path())});
}

void TestCsvReader::readsFromStream()
{
    std::istringstream input("a,b\n1,\"x\"\"y\"\n");
    Reader reader(input, "stream.csv", noHeader(4));
    QCOMPARE(renderAll(reader), (QByteArrayList{"1: a|b", "2: 1|\"x\"y\""}));
    QCOMPARE(reader.name(), std::string("stream.csv"));
}

void TestCsvReader::otherDialect()
{
    ReaderOptions options = noHeader(4);
    options.dialect.delimiter = ';';
    options.dialect.quote = '\'';
    Reader reader(stdPath(file("a;'b;''c''';\"d\"\n1,5;x\n")), options);
    QCOMPARE(renderAll(reader), (QByteArrayList{"1: a|\"b;'c'\"|\"d\"", "2: 1,5|x"}));
}

void TestCsvReader::sharedSamples()
{
    const QDir datasets(ecomops::test::sharedDatasetsDir());
    const QDir olistDir(datasets.filePath(QStringLiteral("olist-sample")));
    const QStringList files = olistDir.entryList({QStringLiteral("*.csv")}, QDir::Files);
    QVERIFY2(!files.isEmpty(),
             qPrintable(QStringLiteral("no Olist sample in %1: the shared data sets belong beside the "
                                       "repository")
                            .arg(olistDir.path())));
    for (const QString &name : files) {
        Reader reader(stdPath(olistDir.filePath(name)));
        while (true) {
            const Outcome outcome = reader.next();
            if (outcome == Outcome::End)
                break;
            QVERIFY2(outcome == Outcome::Record, reader.malformedMessage().c_str());
        }
        QVERIFY2(reader.stats().records > 0, qPrintable(name));
    }

    // The transaction log sample has four lines whose description swallowed
    // the quantity's delimiter: exactly those must be quarantined.
    Reader log(stdPath(datasets.filePath(QStringLiteral("transaction-log-sample/online_retail_sample.csv"))));
    QCOMPARE(log.header().size(), 8u);
    QList<std::uint64_t> badLines;
    for (Outcome outcome = log.next(); outcome != Outcome::End; outcome = log.next()) {
        if (outcome == Outcome::Malformed) {
            QCOMPARE(log.malformed().defect, Defect::FieldCount);
            badLines << log.malformed().line;
        }
    }
    QCOMPARE(badLines, (QList<std::uint64_t>{121, 172, 175, 179}));
    QCOMPARE(log.stats().records + log.stats().malformed + 1, log.stats().lines);
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csv_reader.moc"
