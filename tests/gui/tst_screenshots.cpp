// Renders the README's screenshots: each workspace (Runs after a demo run
// started from the window, Data Quality drilled to a failing row, Anomalies,
// KPIs) at 1920×1080 and 1280×720, into <build>/test-output/screenshots/
// as ws-<workspace>-<width>x<height>.png. Each picture is taken only once its
// workspace shows data, which the test checks; copy them into
// resources/screenshots/ to update the README.
#include "RunsTestSupport.h"

#include "anomalies/AnomaliesPage.h"
#include "anomalies/FlagTableModel.h"
#include "kpis/KpisPage.h"
#include "quality/FailingRowModel.h"
#include "quality/QualityPage.h"
#include "quality/RuleResultModel.h"
#include "quality/ScorecardTableModel.h"
#include "runs/RunLauncher.h"
#include "runs/RunMonitor.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace ecomops;
using widgets::Workspace;

class TestScreenshots : public QObject
{
    Q_OBJECT
    QTemporaryDir m_staging{QStringLiteral("/tmp/ecomops-shots-XXXXXX")};

    static void shoot(widgets::MainWindow &window, const QString &name)
    {
        QTest::qWait(300); // charts and layouts settle
        const QString file = QStringLiteral("ws-%1-%2x%3").arg(name).arg(window.width()).arg(window.height());
        QVERIFY(test::saveScreenshot(&window, file));
        const QImage image(test::screenshotPath(file));
        QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
    }

private slots:
    void everyWorkspaceAtTwoSizes()
    {
        test::RunsWindow w;
        w.open();
        if (QTest::currentTestFailed())
            return;
        widgets::MainWindow &window = w.window;
        widgets::RunLauncher *launcher = w.page->launcher();
        QTRY_VERIFY(launcher->startButton()->isEnabled());
        test::typeInto(launcher->findChild<QDoubleSpinBox *>(QStringLiteral("scaleSpin")), QStringLiteral("0.1"));
        test::typeInto(launcher->findChild<QLineEdit *>(QStringLiteral("stagingEdit")), m_staging.path());
        // Planted defects, so Data Quality has failures to show; a warning, not a failed run.
        launcher->findChild<QDoubleSpinBox *>(QStringLiteral("defectSpin"))->setValue(1.5);
        launcher->findChild<QComboBox *>(QStringLiteral("gateModeCombo"))->setCurrentIndex(1);
        QSignalSpy ended(w.page, &widgets::RunsPage::runEnded);
        QTest::mouseClick(launcher->startButton(), Qt::LeftButton);
        QVERIFY(ended.wait(300000));
        QVERIFY(w.page->monitor()->headline().contains(QStringLiteral("Run ")));

        auto *quality = static_cast<widgets::QualityPage *>(window.workspacePage(Workspace::Quality));
        auto *anomalies = static_cast<widgets::AnomaliesPage *>(window.workspacePage(Workspace::Anomalies));
        auto *kpis = static_cast<widgets::KpisPage *>(window.workspacePage(Workspace::Kpis));
        for (const QSize size : {QSize(1920, 1080), QSize(1280, 720)}) {
            window.resize(size);
            window.setCurrentWorkspace(Workspace::Runs);
            shoot(window, QStringLiteral("runs"));

            window.setCurrentWorkspace(Workspace::Quality);
            QTRY_VERIFY_WITH_TIMEOUT(quality->runCombo()->count() > 0, 20000);
            QTRY_VERIFY_WITH_TIMEOUT(!quality->isBusy() && quality->tableModel()->rowCount() > 2, 20000);
            // The table with the most failures, drilled to its first failing rule.
            QString worst;
            qint64 failed = 0;
            for (const queries::TableScorecard &t : quality->tableModel()->scorecard().tables)
                if (!t.table.isEmpty() && t.failed > failed) {
                    failed = t.failed;
                    worst = t.table;
                }
            quality->selectTable(worst);
            QTRY_VERIFY_WITH_TIMEOUT(!quality->isBusy() && quality->ruleModel()->rowCount() > 0, 20000);
            QTRY_VERIFY_WITH_TIMEOUT(!quality->isBusy(), 20000);
            shoot(window, QStringLiteral("quality"));

            window.setCurrentWorkspace(Workspace::Anomalies);
            QTRY_VERIFY_WITH_TIMEOUT(anomalies->model()->rowCount() > 0, 30000);
            shoot(window, QStringLiteral("anomalies"));

            window.setCurrentWorkspace(Workspace::Kpis);
            QTRY_VERIFY_WITH_TIMEOUT(!kpis->isLoading() && kpis->hasData(), 60000);
            shoot(window, QStringLiteral("kpis"));
        }
    }
};

ECOMOPS_GUI_TEST_MAIN(TestScreenshots, "tst_screenshots")
#include "tst_screenshots.moc"
