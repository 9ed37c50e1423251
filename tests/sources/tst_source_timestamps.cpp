// Timestamps as exports write them: ISO or numeric, the day/month order
// proven by the data, stated by the user, or refused — never guessed.
#include "sources/SourceAdapter.h"
#include "sources/common/Timestamps.h"

#include <QtTest>

using namespace ecomops;
using sources::DateOrder;

namespace {

sources::TimestampSurvey survey(const QStringList &values)
{
    sources::TimestampSurvey s;
    std::uint64_t line = 2;
    for (const QString &v : values)
        s.observe(v.toStdString(), line++);
    return s;
}

} // namespace

Q_DECLARE_METATYPE(DateOrder)

class TestSourceTimestamps : public QObject
{
    Q_OBJECT

private slots:
    void normalizes_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<DateOrder>("order");
        QTest::addColumn<QString>("expected"); // empty: not a timestamp
        QTest::newRow("iso") << "2017-10-02 10:56:33" << DateOrder::Unknown << "2017-10-02 10:56:33";
        QTest::newRow("iso T, fraction") << "2017-10-02T10:56:33.25" << DateOrder::Unknown << "2017-10-02 10:56:33.25";
        QTest::newRow("iso date only") << "2018-01-18" << DateOrder::Unknown << "2018-01-18 00:00:00";
        QTest::newRow("iso single-digit hour") << "2018-01-18 9:05" << DateOrder::Unknown << "2018-01-18 09:05:00";
        QTest::newRow("us olist") << "10/2/2017 10:56" << DateOrder::MonthFirst << "2017-10-02 10:56:00";
        QTest::newRow("month first, 2-digit year") << "12/1/10 8:26" << DateOrder::MonthFirst << "2010-12-01 08:26:00";
        QTest::newRow("day first") << "1/12/2010 8:26" << DateOrder::DayFirst << "2010-12-01 08:26:00";
        QTest::newRow("dots, seconds") << "13.01.2011 08:26:09" << DateOrder::DayFirst << "2011-01-13 08:26:09";
        QTest::newRow("pm") << "12/1/2010 8:26 PM" << DateOrder::MonthFirst << "2010-12-01 20:26:00";
        QTest::newRow("12 am") << "12/1/2010 12:05 am" << DateOrder::MonthFirst << "2010-12-01 00:05:00";
        QTest::newRow("1999") << "12/1/99 8:26" << DateOrder::MonthFirst << "1999-12-01 08:26:00";
        QTest::newRow("leap day") << "2/29/2016 0:00" << DateOrder::MonthFirst << "2016-02-29 00:00:00";
        QTest::newRow("no leap day") << "2/29/2017 0:00" << DateOrder::MonthFirst << "";
        QTest::newRow("month 13 under month first") << "13/1/2011 8:26" << DateOrder::MonthFirst << "";
        QTest::newRow("undecided order") << "12/1/10 8:26" << DateOrder::Unknown << "";
        QTest::newRow("hour 24") << "2017-10-02 24:00:00" << DateOrder::Unknown << "";
        QTest::newRow("text") << "yesterday" << DateOrder::Unknown << "";
        QTest::newRow("a price") << "2.55" << DateOrder::Unknown << "";
    }
    void normalizes()
    {
        QFETCH(QString, value);
        QFETCH(DateOrder, order);
        QFETCH(QString, expected);
        const auto out = sources::normalizeTimestamp(value.toStdString(), order);
        QCOMPARE(out ? QString::fromStdString(*out) : QString(), expected);
    }

    void dataDecidesTheOrder()
    {
        std::string why;
        QCOMPARE(sources::decideDateOrder("f.csv",
                                          survey({QStringLiteral("12/1/10 8:26"), QStringLiteral("12/13/10 9:00")}),
                                          DateOrder::Unknown, why),
                 DateOrder::MonthFirst);
        QVERIFY2(why.find("12/13/10 9:00") != std::string::npos && why.find("line 3") != std::string::npos,
                 why.c_str());
        QCOMPARE(sources::decideDateOrder("f.csv",
                                          survey({QStringLiteral("1/12/2010 8:26"), QStringLiteral("13/12/2010 9:00")}),
                                          DateOrder::Unknown, why),
                 DateOrder::DayFirst);
        // A statement that agrees is fine.
        QCOMPARE(
            sources::decideDateOrder("f.csv", survey({QStringLiteral("13/12/2010 9:00")}), DateOrder::DayFirst, why),
            DateOrder::DayFirst);
        // ISO only: nothing to decide.
        QCOMPARE(
            sources::decideDateOrder("f.csv", survey({QStringLiteral("2010-12-13 09:00:00")}), DateOrder::Unknown, why),
            DateOrder::Unknown);
    }

    void ambiguousFileIsRefusedUnlessStated()
    {
        const auto s = survey({QStringLiteral("12/1/10 8:26"), QStringLiteral("12/2/10 9:00"), QString()});
        std::string why;
        try {
            sources::decideDateOrder("online_retail.csv", s, DateOrder::Unknown, why);
            QFAIL("an ambiguous file was accepted");
        } catch (const sources::SourceError &e) {
            const std::string m = e.what();
            QVERIFY2(m.find("online_retail.csv") != std::string::npos && m.find("ambiguous") != std::string::npos &&
                         m.find("'12/1/10 8:26' (line 2)") != std::string::npos &&
                         m.find("date_order=month_first") != std::string::npos,
                     m.c_str());
        }
        QCOMPARE(sources::decideDateOrder("online_retail.csv", s, DateOrder::MonthFirst, why), DateOrder::MonthFirst);
        QVERIFY2(why.find("as stated") != std::string::npos, why.c_str());
        QCOMPARE(sources::decideDateOrder("online_retail.csv", s, DateOrder::DayFirst, why), DateOrder::DayFirst);
    }

    void contradictionsAreRefused()
    {
        std::string why;
        QVERIFY_THROWS_EXCEPTION(
            sources::SourceError,
            sources::decideDateOrder("f.csv",
                                     survey({QStringLiteral("13/1/2011 8:26"), QStringLiteral("1/13/2011 8:26")}),
                                     DateOrder::Unknown, why));
        try {
            sources::decideDateOrder("f.csv", survey({QStringLiteral("12/13/2010 8:26")}), DateOrder::DayFirst, why);
            QFAIL("a statement the data contradicts was accepted");
        } catch (const sources::SourceError &e) {
            QVERIFY2(std::string(e.what()).find("date_order=day_first was stated") != std::string::npos, e.what());
        }
    }

    void describesTheFormat()
    {
        const auto s = survey({QStringLiteral("12/1/10 8:26"), QStringLiteral("12/13/10 9:00")});
        QCOMPARE(QString::fromStdString(sources::describeFormat(s, DateOrder::MonthFirst)),
                 QStringLiteral("M/D/YY H:MM (month first)"));
        QCOMPARE(QString::fromStdString(
                     sources::describeFormat(survey({QStringLiteral("2017-10-02 10:56:33")}), DateOrder::Unknown)),
                 QStringLiteral("YYYY-MM-DD HH:MM:SS (ISO)"));
    }

    void statedOrderOption()
    {
        QCOMPARE(sources::statedDateOrder(nlohmann::json::object()), DateOrder::Unknown);
        QCOMPARE(sources::statedDateOrder({{"date_order", "day_first"}}), DateOrder::DayFirst);
        QCOMPARE(sources::statedDateOrder({{"date_order", "month_first"}}), DateOrder::MonthFirst);
        QVERIFY_THROWS_EXCEPTION(sources::SourceError, sources::statedDateOrder({{"date_order", "guess"}}));
    }
};

QTEST_GUILESS_MAIN(TestSourceTimestamps)
#include "tst_source_timestamps.moc"
