// The loader: valid rows to the run's staging table exactly as in the file,
// malformed / non-UTF-8 / rule-rejected rows to the quarantine with reasons,
// and read = loaded + quarantined.
#include "TestDatabase.h"
#include "load/RowChecker.h"
#include "load/TableLoader.h"
#include "staging/Catalog.h"

#include <QtTest>
#include <pqxx/pqxx>

using namespace ecomops;

namespace {

class NullObserver : public StageObserver
{
public:
    void progress(const QString &, qint64, qint64) override {}
    void log(LogLevel, const QString &) override {}
    void tableFinished(const TableCounts &) override {}
    bool cancelRequested() const override { return false; }
};

// Rejects countries whose code is not two letters: stands in for the
// quality stage's row rules.
class TwoLetterCodes : public load::RowChecker
{
public:
    void check(const csv::Record &record, std::vector<load::RowFailure> &failures) override
    {
        if (record.fields[0].size() != 2)
            failures.push_back({"countries.country_code.iso2",
                                "country_code '" + std::string(record.fields[0]) + "' is not two letters", true});
        if (record.fields[2].empty())
            failures.push_back({"countries.region.present", "region is empty", false}); // counts only
    }
};

qint64 newRun(pqxx::connection &c)
{
    pqxx::work tx{c};
    const auto id =
        tx.exec1("INSERT INTO ops.pipeline_run (source_kind, started_by, spec) VALUES ('test', 'test', '{}') "
                 "RETURNING run_id")[0]
            .as<qint64>();
    tx.commit();
    return id;
}

// countries.csv in `dir`, holding `content`; empty when it cannot be written.
QString writeCountries(const QTemporaryDir &dir, const QByteArray &content)
{
    const QString path = dir.filePath(QStringLiteral("countries.csv"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        return {};
    return path;
}

// A load nobody watches or cancels.
load::TableLoadResult runUnwatched(load::TableLoader &loader)
{
    NullObserver observer;
    CancelToken cancel;
    return loader.run(observer, cancel);
}

} // namespace

class TestTableLoader : public QObject
{
    Q_OBJECT
private slots:
    void loadsValidRowsAndQuarantinesTheRest()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        const qint64 run = newRun(*c);
        QTemporaryDir dir;
        const QString path = writeCountries(dir, "\xEF\xBB\xBF"
                                                 "country_code,country_name,region\r\n"
                                                 "DE,Germany,Europe\r\n"
                                                 "\r\n"
                                                 "FR,\"France, \"\"la belle\"\"\",Europe\r\n"
                                                 "XYZ,Nowhere,\r\n"              // rejected by the rule
                                                 "IT,\"Italy\nmultiline\",\r\n"  // loaded; region NULL only counted
                                                 "ES,Spain,Europe,extra\r\n"     // malformed: field count
                                                 "PT,Portug\xC3\x28l,Europe\r\n" // not UTF-8
                                                 "GR,\"Greece,Europe\r\n"        // unterminated quote
                                                 "NL,Netherlands,Europe\r\n");
        QVERIFY(!path.isEmpty());
        TwoLetterCodes rule;
        load::TableLoader loader(db.conninfo(), run, *staging::findTable("countries"), path, 8);
        loader.setRowChecker(&rule);
        const auto result = runUnwatched(loader);
        QCOMPARE(result.counts.read, qint64(8));
        QCOMPARE(result.counts.loaded, qint64(4));
        QCOMPARE(result.counts.quarantined, qint64(4));
        QVERIFY(result.counts.reconciles());
        QCOMPARE(result.blankLines, qint64(1));

        pqxx::read_transaction tx{*c};
        const auto rows = tx.exec("SELECT source_line, country_code, country_name, region FROM staging.countries "
                                  "WHERE run_id = " +
                                  std::to_string(run) + " ORDER BY source_line");
        QCOMPARE(rows.size(), std::size_t(4));
        QCOMPARE(rows[0][0].as<int>(), 2);
        QCOMPARE(rows[1][2].as<std::string>(), std::string("France, \"la belle\""));
        QCOMPARE(rows[2][2].as<std::string>(), std::string("Italy\nmultiline"));
        QVERIFY(rows[2][3].is_null()); // unquoted empty stays NULL
        QCOMPARE(rows[3][1].as<std::string>(), std::string("NL"));

        const auto q =
            tx.exec("SELECT source_line, raw_record, array_to_string(reasons, ' | '), array_to_string(rule_ids, ',') "
                    "FROM quarantine.rejected_row WHERE run_id = " +
                    std::to_string(run) + " ORDER BY source_line");
        QCOMPARE(q.size(), std::size_t(4));
        QCOMPARE(q[0][0].as<int>(), 5);
        QCOMPARE(q[0][1].as<std::string>(), std::string("XYZ,Nowhere,"));
        QVERIFY(q[0][2].as<std::string>().find("not two letters") != std::string::npos);
        QCOMPARE(q[0][3].as<std::string>(), std::string("countries.country_code.iso2"));
        QCOMPARE(q[1][0].as<int>(), 8);
        QVERIFY2(q[1][2].as<std::string>().find("countries.csv:8") != std::string::npos, q[1][2].c_str());
        QCOMPARE(q[2][0].as<int>(), 9);
        QVERIFY(q[2][1].as<std::string>().find("\\xC3") != std::string::npos); // bad bytes shown, not dropped
        QVERIFY(q[2][2].as<std::string>().find("UTF-8") != std::string::npos);
        QCOMPARE(q[3][0].as<int>(), 10);
        QVERIFY(q[3][2].as<std::string>().find("quote") != std::string::npos);
    }

    void wrongHeaderFailsNamingFileAndColumns()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        const qint64 run = newRun(*c);
        QTemporaryDir dir;
        const QString path = writeCountries(dir, "code,name\nDE,Germany\n");
        QVERIFY(!path.isEmpty());
        load::TableLoader loader(db.conninfo(), run, *staging::findTable("countries"), path, 1);
        try {
            runUnwatched(loader);
            QFAIL("loaded a file with the wrong header");
        } catch (const std::runtime_error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("countries.csv:1")), e.what());
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("\"code\"")));
        }
        pqxx::read_transaction tx{*c};
        QCOMPARE(tx.exec1("SELECT count(*) FROM staging.countries")[0].as<int>(), 0);
    }

    void headerMayOmitOptionalColumnsInAnyOrder()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        const qint64 run = newRun(*c);
        QTemporaryDir dir;
        const QString path = writeCountries(dir, "country_name,country_code\nGermany,DE\n");
        QVERIFY(!path.isEmpty());
        load::TableLoader loader(db.conninfo(), run, *staging::findTable("countries"), path, 1);
        QCOMPARE(runUnwatched(loader).counts.loaded, qint64(1));
        pqxx::read_transaction tx{*c};
        const auto row = tx.exec1("SELECT country_code, country_name, region FROM staging.countries");
        QCOMPARE(row[0].as<std::string>(), std::string("DE"));
        QCOMPARE(row[1].as<std::string>(), std::string("Germany"));
        QVERIFY(row[2].is_null());
    }

    void utf8Validation_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("firstBad");
        QTest::newRow("ascii") << QByteArray("hello, world 1234567890") << -1;
        QTest::newRow("emoji") << QByteArray("ok \xF0\x9F\x98\x80 done") << -1;
        QTest::newRow("nul") << QByteArray("abc\0def", 7) << 3;
        QTest::newRow("lone continuation") << QByteArray("abcdefgh\x80") << 8;
        QTest::newRow("overlong") << QByteArray("\xC0\xAF") << 0;
        QTest::newRow("surrogate") << QByteArray("x\xED\xA0\x80") << 1;
        QTest::newRow("truncated") << QByteArray("ab\xE2\x82") << 2;
        QTest::newRow("latin1") << QByteArray("caf\xE9") << 3;
    }
    void utf8Validation()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, firstBad);
        const std::size_t got = load::firstInvalidUtf8(std::string_view(text.constData(), std::size_t(text.size())));
        QCOMPARE(got == std::string_view::npos ? -1 : int(got), firstBad);
    }
};

QTEST_GUILESS_MAIN(TestTableLoader)
#include "tst_table_loader.moc"
