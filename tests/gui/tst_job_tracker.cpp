// The console's one way to run background work: a newer request makes an
// older one stale (its result never arrives), drop() makes every request in
// flight stale, Keep::Every delivers each result, and whatever a job throws
// arrives as words (queries::describeFailure), never as an exception.
#include "GuiTest.h"

#include "common/JobTracker.h"

#include <QSemaphore>
#include <QSignalSpy>

#include <pqxx/except>

#include <memory>
#include <stdexcept>

using namespace ecomops;
using widgets::JobFailure;
using widgets::JobTracker;

class TestJobTracker : public QObject
{
    Q_OBJECT

private slots:
    void newerRequestMakesOlderStale();
    void dropMakesEveryRequestStale();
    void keepEveryDeliversEachResult();
    void failuresArriveAsWords_data();
    void failuresArriveAsWords();
    void contextGoneMeansNoCallback();
};

void TestJobTracker::newerRequestMakesOlderStale()
{
    QObject context;
    JobTracker tracker(&context);
    auto gate = std::make_shared<QSemaphore>();
    QList<int> delivered;
    // The first finishes only after the second has: it is stale by then.
    tracker.run(
        [gate] {
            gate->acquire();
            return 1;
        },
        [&](int v) { delivered.append(v); }, [](const JobFailure &) { QFAIL("no failure expected"); });
    tracker.run(
        [gate] {
            gate->release();
            return 2;
        },
        [&](int v) { delivered.append(v); }, [](const JobFailure &) { QFAIL("no failure expected"); });
    QVERIFY(tracker.isRunning());
    QTRY_VERIFY(!tracker.isRunning());
    QCOMPARE(delivered, QList<int>{2});
}

void TestJobTracker::dropMakesEveryRequestStale()
{
    QObject context;
    JobTracker tracker(&context, JobTracker::Keep::Every);
    int delivered = 0;
    tracker.run([] { return 1; }, [&](int) { ++delivered; }, [](const JobFailure &) {});
    tracker.drop();
    QTRY_VERIFY(!tracker.isRunning());
    QCOMPARE(delivered, 0);
    const quint64 ticket = tracker.ticket();
    QVERIFY(tracker.isCurrent(ticket));
    tracker.drop();
    QVERIFY(!tracker.isCurrent(ticket));
}

void TestJobTracker::keepEveryDeliversEachResult()
{
    QObject context;
    JobTracker tracker(&context, JobTracker::Keep::Every);
    QList<int> delivered;
    for (int i = 0; i < 5; ++i)
        tracker.run([i] { return i; }, [&](int v) { delivered.append(v); }, [](const JobFailure &) {});
    QTRY_VERIFY(!tracker.isRunning());
    std::sort(delivered.begin(), delivered.end());
    QCOMPARE(delivered, (QList<int>{0, 1, 2, 3, 4}));
}

void TestJobTracker::failuresArriveAsWords_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("words");
    QTest::newRow("lost connection") << 0 << QStringLiteral("could not be reached");
    QTest::newRow("server error") << 1 << QStringLiteral("refused the request: relation \"x\" does not exist");
    QTest::newRow("our own sentence") << 2 << QStringLiteral("The snapshot folder is empty.");
    QTest::newRow("library internals") << 3 << QStringLiteral("an internal error occurred");
}

void TestJobTracker::failuresArriveAsWords()
{
    QFETCH(int, kind);
    QFETCH(QString, words);
    QObject context;
    JobTracker tracker(&context);
    std::optional<JobFailure> failure;
    tracker.run(
        [kind]() -> int {
            switch (kind) {
            case 0:
                throw pqxx::broken_connection("connection to server on socket failed: No such file or directory");
            case 1:
                throw pqxx::sql_error("ERROR:  relation \"x\" does not exist\n", "SELECT * FROM x", "42P01");
            case 2:
                throw std::runtime_error("The snapshot folder is empty.");
            default:
                throw std::invalid_argument("stoll");
            }
        },
        [](int) { QFAIL("the job failed"); }, [&](const JobFailure &f) { failure = f; });
    QTRY_VERIFY(failure.has_value());
    qInfo("%s | %s", qPrintable(failure->message), qPrintable(failure->detail));
    QVERIFY2(failure->text().contains(words), qPrintable(failure->text()));
    QVERIFY(!failure->text().contains(QStringLiteral("stoll")));
}

void TestJobTracker::contextGoneMeansNoCallback()
{
    auto context = std::make_unique<QObject>();
    auto tracker = std::make_unique<JobTracker>(context.get());
    auto gate = std::make_shared<QSemaphore>();
    bool called = false;
    tracker->run(
        [gate] {
            gate->acquire();
            return 1;
        },
        [&](int) { called = true; }, [&](const JobFailure &) { called = true; });
    context.reset();
    tracker.reset();
    gate->release();
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QVERIFY(!called);
}

ECOMOPS_GUI_TEST_MAIN(TestJobTracker, "tst_job_tracker")
#include "tst_job_tracker.moc"
