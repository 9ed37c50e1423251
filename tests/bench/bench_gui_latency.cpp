// ecomops-gui-bench: how the console feels during a run. It opens the main
// window (offscreen unless QT_QPA_PLATFORM says otherwise) on a private
// server, starts a synthetic run from the Runs workspace as a user would, and
// until the finished run's detail is shown it records:
//  - by the wall clock, how late a 10 ms timer on the GUI thread fires
//    (p50, p99, max): what a user would feel, machine load included;
//  - by the GUI thread's own CPU clock, what each event cost (p50, p99, max):
//    what our code spent, which tst_runs_responsiveness holds to a budget.
//
//   ecomops-gui-bench [--scale 1] [--repeats 3] [--conninfo STRING]
//
// Not a test: it asserts nothing, it prints. Settings live in Qt's test
// locations (~/.qttest), never in the user's.
#include "../gui/GuiThreadMeters.h"
#include "BenchServer.h"

#include "MainWindow.h"
#include "connection/ConnectionController.h"
#include "runs/RunHistoryView.h"
#include "runs/RunLauncher.h"
#include "runs/RunsPage.h"

#include <QAbstractButton>
#include <QCommandLineParser>
#include <QDoubleSpinBox>
#include <QEventLoop>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>

using namespace ecomops;

namespace {

// Runs the event loop until `done` holds, checking every 50 ms; false after `timeoutMs`.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(50, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2)
                                          : QStringLiteral("unknown");
}

// One run watched from start to its detail on screen; false when it did not succeed.
bool measureRun(widgets::MainWindow &window, double scale, const QString &staging, int repeat)
{
    auto *page = static_cast<widgets::RunsPage *>(window.workspacePage(widgets::Workspace::Runs));
    page->launcher()->findChild<QDoubleSpinBox *>(QStringLiteral("scaleSpin"))->setValue(scale);
    page->launcher()->findChild<QLineEdit *>(QStringLiteral("stagingEdit"))->setText(staging);
    std::optional<runner::RunResult> ended;
    const QMetaObject::Connection connection =
        QObject::connect(page, &widgets::RunsPage::runEnded, page, [&ended](const runner::RunResult &r) { ended = r; });

    test::MeteredApplication *app = test::MeteredApplication::instance();
    test::LatenessProbe lateness;
    lateness.start();
    app->startRecording();
    QElapsedTimer clock;
    clock.start();
    static_cast<QAbstractButton *>(page->launcher()->startButton())->click();
    const bool finished = waitUntil([&] { return ended.has_value(); }, 30 * 60 * 1000) &&
                          waitUntil([&] { return page->history()->openRunId() == ended->runId; }, 60000);
    app->stopRecording();
    lateness.stop();
    QObject::disconnect(connection);
    if (!finished || ended->status != runner::RunStatus::Succeeded) {
        std::fprintf(stderr, "run %d did not succeed: %s\n", repeat, ended ? qPrintable(ended->error) : "no end");
        return false;
    }
    std::printf(
        "scale %g run %d: %.1f s, %lld rows | timer lateness (wall clock, %zu ticks): p50 %.2f ms, p99 %.2f ms, "
        "max %.1f ms | GUI-thread CPU per event (%zu events): p50 %.3f ms, p99 %.3f ms, max %.1f ms | load "
        "average %s\n",
        scale, repeat, double(clock.elapsed()) / 1000.0, ended->rowsRead, lateness.ticks(), lateness.percentileMs(0.5),
        lateness.percentileMs(0.99), lateness.maxMs(), app->events(), app->percentileMs(0.5), app->percentileMs(0.99),
        app->maxMs(), qPrintable(loadAverage()));
    std::fflush(stdout);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    test::MeteredApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("EcomOps"));
    QCoreApplication::setApplicationName(QStringLiteral("ecomops-gui-bench"));
    QSettings().clear();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("GUI thread latency during a synthetic run."));
    parser.addHelpOption();
    const QCommandLineOption scaleOpt(QStringLiteral("scale"), QStringLiteral("Synthetic scale (default 1)."),
                                      QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption repeatsOpt(QStringLiteral("repeats"), QStringLiteral("Runs (default 3)."),
                                        QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption conninfoOpt(QStringLiteral("conninfo"), QStringLiteral("Server to use."),
                                         QStringLiteral("STRING"));
    parser.addOptions({scaleOpt, repeatsOpt, conninfoOpt});
    parser.process(app);

    QTemporaryDir work(QStringLiteral("/tmp/ecomops-gui-bench-XXXXXX"));
    const bench::BenchServer server(work, parser.value(conninfoOpt));
    const QString &conninfo = server.conninfo();

    int failures = 0;
    {
        widgets::MainWindow window;
        db::ConnectionProfile profile;
        profile.mode = db::ConnectionProfile::Mode::Server;
        profile.conninfo = conninfo;
        window.connection()->setProfile(profile);
        window.resize(1440, 900);
        window.setCurrentWorkspace(widgets::Workspace::Runs);
        window.show();
        window.connection()->connectToDatabase();
        if (!waitUntil([&] { return window.connection()->isConnected(); }, 60000)) {
            std::fprintf(stderr, "could not connect to %s\n", qPrintable(conninfo));
            return 1;
        }
        const int repeats = parser.value(repeatsOpt).toInt();
        for (int i = 1; i <= repeats; ++i)
            failures +=
                measureRun(window, parser.value(scaleOpt).toDouble(), work.filePath(QStringLiteral("staging")), i) ? 0
                                                                                                                   : 1;
    }
    return failures == 0 ? 0 : 1;
}
