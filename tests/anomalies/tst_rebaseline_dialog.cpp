// "Recompute baselines…" on the Anomalies workspace (issue 18): a steward's
// action recomputes the baselines off the GUI thread with the saved detector
// settings and lists the product whose threshold moved, before → after (the
// values computed here in SQL), in a sortable table; an analyst's action is
// disabled and says why. Offscreen, a real PostgreSQL, the real page.
#include "AnomalyTestSupport.h"
#include "GuiTest.h"
#include "TestDatabase.h"

#include "anomalies/AnomaliesPage.h"
#include "anomalies/DetectorSettings.h"
#include "anomalies/RebaselineDialog.h"
#include "connection/ConnectionController.h"

#include <QAction>
#include <QLocale>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <pqxx/pqxx>

using namespace ecomops;

namespace {

// A superuser session acting as `role` from its start (libpq's options).
QString conninfoAs(const QString &base, const QString &role)
{
    return base.startsWith(QLatin1String("postgres"))
               ? base + (base.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?")) +
                     QStringLiteral("options=-c%20role%3D") + role
               : base + QStringLiteral(" options='-c role=") + role + QStringLiteral("'");
}

} // namespace

class TestRebaselineDialog : public QObject
{
    Q_OBJECT

private slots:
    void stewardSeesTheChangedProduct();
    void analystActionIsDisabledWithAReason();
};

void TestRebaselineDialog::stewardSeesTheChangedProduct()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    auto c = db.connect();
    test::insertLines(*c, test::productLines("RB-MOVE", "RBM-", 30, {2, 3, 4, 3, 2}));
    test::insertLines(*c, test::productLines("RB-STAY", "RBS-", 30, {5, 6, 5}));
    test::insertLines(*c, test::productLines("RB-NUDGE", "RBN-", 30, {2, 3}));
    anomalies::AnomalyOptions options;
    options.method = anomalies::Method::StdDev;
    options.k = 2;
    options.minHistory = 5;
    options.minSigma = 0;
    anomalies::refreshBaselines(*c, options);
    widgets::detectorsettings::save(options); // the console's saved settings: what it recomputes with
    const double before = test::stddevThreshold(*c, "RB-MOVE", options.k);
    test::insertLines(*c, test::productLines("RB-MOVE", "RBM-NEW-", 10, {9, 12}));
    test::insertLines(*c, test::productLines("RB-NUDGE", "RBN-NEW-", 1, {4})); // a small move
    const double after = test::stddevThreshold(*c, "RB-MOVE", options.k);

    db::ConnectionProfile profile;
    profile.mode = db::ConnectionProfile::Mode::Server;
    profile.conninfo = db.conninfo();
    widgets::ConnectionController controller;
    controller.setProfile(profile);
    widgets::AnomaliesPage page(&controller);
    page.resize(1200, 700);
    page.show();
    controller.connectToDatabase();
    QTRY_VERIFY_WITH_TIMEOUT(controller.isConnected(), 30000);
    QTRY_VERIFY2_WITH_TIMEOUT(page.rebaselineAction()->isEnabled(), qPrintable(page.rebaselineAction()->toolTip()),
                              10000);

    page.rebaselineAction()->trigger();
    auto *dialog = page.findChild<widgets::RebaselineDialog *>();
    QVERIFY(dialog);
    QSignalSpy shown(dialog, &widgets::RebaselineDialog::resultShown);
    QVERIFY(shown.isValid());
    // The job runs on the thread pool: the dialog is up and busy meanwhile,
    // unless it finished already (then the spy has it).
    QVERIFY(dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy() && (shown.count() == 1 || dialog->table()->isVisible()), 30000);
    QVERIFY2(dialog->summaryText().contains(QStringLiteral("Products whose threshold changed: 2.")),
             qPrintable(dialog->summaryText()));
    QVERIFY2(dialog->summaryText().contains(QStringLiteral("stddev, k 2")), qPrintable(dialog->summaryText()));

    QAbstractItemModel *model = dialog->table()->model();
    QCOMPARE(model->rowCount(), 2);
    // Largest change first; sortable by any column (here: smallest change first).
    const QLocale locale;
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("RB-MOVE"));
    QCOMPARE(model->index(0, 1).data().toString(), locale.toString(before, 'f', 3));
    QCOMPARE(model->index(0, 2).data().toString(), locale.toString(after, 'f', 3));
    QCOMPARE(model->index(0, 6).data().toString(), locale.toString(30));
    QCOMPARE(model->index(0, 7).data().toString(), locale.toString(40));
    QVERIFY(dialog->table()->isSortingEnabled());
    QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("RB-NUDGE"));
    dialog->table()->sortByColumn(3, Qt::AscendingOrder);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("RB-NUDGE"));
    dialog->table()->sortByColumn(3, Qt::DescendingOrder);

    // What was written is what the dialog shows.
    {
        pqxx::read_transaction tx{*c};
        const double stored =
            tx.exec1("SELECT threshold FROM ops.anomaly_baseline WHERE product_id = 'RB-MOVE'")[0].as<double>();
        QVERIFY(qAbs(stored - after) < 1e-9);
    }
    dialog->raise();
    QVERIFY(test::saveScreenshot(dialog, QStringLiteral("rebaseline-result")));
    const QString notes = QStringLiteral("/work/notes/s6");
    if (QDir(notes).exists())
        dialog->grab().save(notes + QStringLiteral("/rebaseline-result.png"));
}

void TestRebaselineDialog::analystActionIsDisabledWithAReason()
{
    test::TestDatabase db;
    ECOMOPS_REQUIRE_DB(db);
    const test::LoginRole analyst(db.name(), "rb_analyst", "ecomops_analyst");
    db::ConnectionProfile profile;
    profile.mode = db::ConnectionProfile::Mode::Server;
    profile.conninfo = conninfoAs(db.conninfo(), QString::fromStdString(analyst.name()));
    widgets::ConnectionController controller;
    controller.setProfile(profile);
    widgets::AnomaliesPage page(&controller);
    page.show();
    controller.connectToDatabase();
    QTRY_VERIFY_WITH_TIMEOUT(controller.isConnected(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(page.rebaselineAction()->toolTip().contains(QStringLiteral("ecomops_steward")), 10000);
    QVERIFY(!page.rebaselineAction()->isEnabled());
    QVERIFY2(page.rebaselineAction()->toolTip().contains(QStringLiteral("recompute the anomaly baselines")),
             qPrintable(page.rebaselineAction()->toolTip()));
}

ECOMOPS_GUI_TEST_MAIN(TestRebaselineDialog, "tst_rebaseline_dialog")
#include "tst_rebaseline_dialog.moc"
