// The detector settings in the console: the dialog's live preview says what
// the last run would have raised with the settings on screen, computed off
// the GUI thread, and a run with those settings then raises exactly that
// many; Save keeps them in the console's settings. Offscreen, a real
// PostgreSQL, the real dialog driven through its widgets.
#include "AnomalyTestSupport.h"
#include "GuiTest.h"
#include "TestDatabase.h"

#include "anomalies/DetectorSettings.h"
#include "anomalies/DetectorSettingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

using namespace ecomops;
using anomalies::Method;

class TestDetectorSettings : public QObject
{
    Q_OBJECT

private slots:
    void previewIsWhatARunRaises();
};

void TestDetectorSettings::previewIsWhatARunRaises()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    auto packs = test::productLines("P-PACK", "A", 60, {6, 6, 12, 6, 6, 24, 6, 6, 12, 6});
    packs[7].quantity = 120;
    packs[33].quantity = 40;
    auto small = test::productLines("P-SMALL", "B", 50, {1, 2, 2, 3, 2, 1, 2, 3});
    small[11].quantity = 9;
    small[30].quantity = 25;
    test::insertLines(*c, packs);
    test::insertLines(*c, small);
    // A run that has finished without detecting: it raised nothing.
    const qint64 runId = test::createRun(*c);
    {
        pqxx::work tx{*c};
        tx.exec_params0("UPDATE ops.pipeline_run SET status = 'succeeded', ended_at = now() WHERE run_id = $1", runId);
        tx.commit();
    }

    widgets::DetectorSettingsDialog dialog(db.conninfo());
    QSignalSpy shown(&dialog, &widgets::DetectorSettingsDialog::previewShown);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // The seed's rule, median + 2σ, set through the widgets: a burst of
    // changes asks once, a moment after the last.
    auto *method = dialog.findChild<QComboBox *>();
    QVERIFY(method);
    method->setCurrentIndex(method->findData(int(Method::StdDev)));
    const auto boxes = dialog.findChildren<QDoubleSpinBox *>();
    QCOMPARE(boxes.size(), 2);
    boxes[0]->setValue(2.0); // k
    boxes[1]->setValue(0.5); // min sigma
    dialog.findChild<QSpinBox *>()->setValue(20);
    QVERIFY(dialog.previewText().startsWith(QStringLiteral("Counting")));
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20000);
    QTest::qWait(400); // no second answer for the same burst
    QCOMPARE(shown.size(), 1);
    const QString preview = dialog.previewText();
    qInfo("%s", qPrintable(preview));

    const anomalies::AnomalyOptions chosen = dialog.options();
    QCOMPARE(chosen.method, Method::StdDev);
    QCOMPARE(chosen.k, 2.0);
    const qint64 raised = test::detectNow(*c, chosen, runId).newFlags;
    QVERIFY2(raised > 0, "the settings raised nothing: the case proves little");
    QCOMPARE(preview, QStringLiteral("With these settings the last run (run %1) would have raised %2 flags (now 0).")
                          .arg(runId)
                          .arg(raised));

    // Save keeps them; a new dialog starts from them.
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    buttons->button(QDialogButtonBox::Save)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const anomalies::AnomalyOptions saved = widgets::detectorsettings::load();
    QCOMPARE(saved.toJson().dump(), chosen.toJson().dump());
    widgets::DetectorSettingsDialog again(db.conninfo());
    QCOMPARE(again.options().toJson().dump(), chosen.toJson().dump());
}

ECOMOPS_GUI_TEST_MAIN(TestDetectorSettings, "tst_detector_settings")
#include "tst_detector_settings.moc"
