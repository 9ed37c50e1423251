// The KPIs workspace on a real PostgreSQL filled by a synthetic run: the
// headline cards show the marts' figures, a date filter changes every card
// and chart to that range, charts export as PNG and CSV, the range and the
// layout persist, and every model passes QAbstractItemModelTester.
#include "GuiFixtures.h"
#include "GuiTest.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "common/AxisTicks.h"
#include "connection/ConnectionController.h"
#include "kpis/ChartPanel.h"
#include "kpis/CohortRetentionModel.h"
#include "kpis/CountryRevenueModel.h"
#include "kpis/DateRangeFilter.h"
#include "kpis/KpiCard.h"
#include "kpis/KpiStyle.h"
#include "kpis/KpisPage.h"
#include "kpis/LifetimeValueChart.h"
#include "kpis/LifetimeValueModel.h"
#include "kpis/MixChart.h"
#include "kpis/MixModel.h"
#include "kpis/RankingModel.h"
#include "kpis/RevenueTrendChart.h"
#include "kpis/RevenueTrendModel.h"
#include "queries/KpiQueries.h"
#include "runner/RunEvents.h"
#include "runner/RunExecution.h"
#include "runs/RunsPage.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QImage>
#include <QPieSeries>
#include <QPieSlice>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QValueAxis>

#include <pqxx/pqxx>

#include <cmath>
#include <memory>

using namespace ecomops;
using widgets::KpiCard;
using widgets::KpisPage;
using widgets::MainWindow;

namespace {

struct MartFigures {
    double revenue = 0;
    qint64 orders = 0;
    double aov = 0;
    qint64 customers = 0;
};

MartFigures martFigures(pqxx::connection &c, const std::string &from, const std::string &to)
{
    pqxx::read_transaction tx{c};
    const pqxx::row r = tx.exec_params1("SELECT revenue::float8, orders, coalesce(aov, 0)::float8, customers "
                                        "FROM mart.kpi_summary($1::date, $2::date)",
                                        from, to);
    return {r[0].as<double>(), r[1].as<qint64>(), r[2].as<double>(), r[3].as<qint64>()};
}

// Waits for the load a change started (or the first one) to be on screen.
bool waitForFigures(KpisPage *page)
{
    if (!QTest::qWaitFor([page] { return !page->isLoading() && page->hasData(); }, 60000))
        return false;
    return page->lastError().isEmpty();
}

// A step of 1, 2, 2.5 or 5 times a power of ten: what a reader counts in.
bool isRoundStep(double step)
{
    if (step <= 0)
        return false;
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    for (const double nice : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (std::abs(mantissa - nice) < 1e-6)
            return true;
    return false;
}

// Every tick of the axis on a whole multiple of its round step.
bool hasRoundTicks(const QValueAxis *axis)
{
    const double step = (axis->max() - axis->min()) / (axis->tickCount() - 1);
    return isRoundStep(step) && std::abs(axis->min() / step - std::round(axis->min() / step)) < 1e-6;
}

} // namespace

class TestKpis : public QObject
{
    Q_OBJECT
    std::unique_ptr<test::TestDatabase> m_db;
    QTemporaryDir m_staging;

    std::unique_ptr<MainWindow> openWindow(const QString &conninfo = {})
    {
        auto window = std::make_unique<MainWindow>();
        db::ConnectionProfile profile;
        profile.mode = db::ConnectionProfile::Mode::Server;
        profile.conninfo = conninfo.isEmpty() ? m_db->conninfo() : conninfo;
        window->connection()->setProfile(profile);
        window->resize(1440, 960);
        window->setCurrentWorkspace(widgets::Workspace::Kpis);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        window->connection()->connectToDatabase();
        return window;
    }

    static KpisPage *kpisPage(const MainWindow &window)
    {
        return static_cast<KpisPage *>(window.workspacePage(widgets::Workspace::Kpis));
    }

private slots:
    void initTestCase()
    {
        m_db = std::make_unique<test::TestDatabase>();
        ECOMOPS_REQUIRE_DB(*m_db);
        const test::ShopRun shop =
            test::runSyntheticShop(m_db->conninfo(), m_staging.path(), 0.05, 20251, -1, QStringLiteral("tst_kpis"));
        QVERIFY2(shop.result.status == runner::RunStatus::Succeeded, qPrintable(shop.result.error + u'\n' + shop.log));
        auto c = m_db->connect();
        QVERIFY2(test::number(*c, "SELECT count(*) FROM mart.order_summary") > 1000,
                 "the run's publish stage did not fill the marts");
    }

    void dashboardShowsTheMartsFigures()
    {
        auto window = openWindow();
        QVERIFY(window);
        KpisPage *page = kpisPage(*window);
        QVERIFY(page);
        // Testers first: they watch every reset the loads cause.
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
                 page->trendModel(), page->productsModel(), page->categoriesModel(), page->countryModel(),
                 page->mixModel(), page->cohortModel(), page->lifetimeValueModel()})
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        for (widgets::ChartPanel *panel : page->panels()) {
            if (panel->table())
                testers.push_back(std::make_unique<QAbstractItemModelTester>(
                    panel->table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
        if (!window->connection()->isConnected())
            QVERIFY(!page->message().isEmpty()); // "Not connected", never an empty dashboard
        QTRY_VERIFY_WITH_TIMEOUT(window->connection()->isConnected(), 30000);
        QVERIFY2(waitForFigures(page), qPrintable(page->lastError()));
        QVERIFY(page->message().isEmpty());

        auto c = m_db->connect();
        const MartFigures all = martFigures(*c, "-infinity", "infinity");
        QVERIFY(all.revenue > 0);
        QCOMPARE(page->dashboard().headline.revenue, all.revenue);
        QVERIFY(qAbs(page->card(KpisPage::Card::Revenue)->value() - all.revenue) < 0.005);
        QCOMPARE(qint64(page->card(KpisPage::Card::Orders)->value()), all.orders);
        QVERIFY(qAbs(page->card(KpisPage::Card::AverageOrderValue)->value() - all.aov) < 0.005);
        QCOMPARE(qint64(page->card(KpisPage::Card::Customers)->value()), all.customers);
        QVERIFY(page->card(KpisPage::Card::Revenue)->valueText() != QStringLiteral("—"));

        // Every chart has data, the same the marts hold.
        QCOMPARE(qint64(page->trendModel()->historyRows()),
                 test::number(*c, "SELECT count(*) FROM mart.revenue_daily"));
        QCOMPARE(qint64(page->trendModel()->forecast().size()),
                 test::number(*c, "SELECT count(*) FROM mart.revenue_forecast WHERE is_forecast"));
        QVERIFY(page->trendChart()->historyPoints() > 300);
        QCOMPARE(page->trendChart()->forecastPoints(), 30);
        QCOMPARE(page->productsModel()->rowCount(), 10);
        QCOMPARE(page->productsModel()->items().front().name,
                 QString::fromStdString(pqxx::read_transaction(*c)
                                            .exec1("SELECT product_name FROM mart.top_products "
                                                   "ORDER BY revenue_rank, product_id LIMIT 1")[0]
                                            .as<std::string>()));
        QVERIFY(page->categoriesModel()->rowCount() > 0);
        QVERIFY(page->countryModel()->rowCount() > 0);
        QCOMPARE(page->mixModel()->sharesOf(QStringLiteral("segment")).empty(), false);
        QCOMPARE(page->mixModel()->sharesOf(QStringLiteral("payment_method")).empty(), false);
        QCOMPARE(qint64(page->cohortModel()->rowCount()),
                 test::number(*c, "SELECT count(DISTINCT cohort_month) FROM mart.cohort_retention"));
        QCOMPARE(page->lifetimeValueModel()->summary().customers,
                 test::number(*c, "SELECT customers FROM mart.churn_summary"));
        QCOMPARE(page->lifetimeValueModel()->summary().churned,
                 test::number(*c, "SELECT churned_customers FROM mart.churn_summary"));

        QTest::qWait(300); // let the charts lay out their new series before the picture
        QVERIFY(test::saveScreenshot(window.get(), QStringLiteral("kpis")));
        QVERIFY(page->dashboardWidget()->grab().save(test::screenshotPath(QStringLiteral("kpis-dashboard"))));
    }

    // The analyst role may read the marts and nothing else: every figure the
    // page shows must come from there.
    void analystRoleReadsEveryFigure()
    {
        // The test's superuser session, acting as the analyst group role.
        const QString base = m_db->conninfo();
        QString analyst = base;
        if (base.startsWith(QLatin1String("postgres")))
            analyst +=
                QString(base.contains(u'?') ? u'&' : u'?') + QStringLiteral("options=-c%20role%3Decomops_analyst");
        else
            analyst += QStringLiteral(" options='-c role=ecomops_analyst'");
        {
            pqxx::connection c{analyst.toStdString()};
            pqxx::read_transaction tx{c};
            QCOMPARE(tx.exec1("SELECT current_user")[0].as<std::string>(), std::string("ecomops_analyst"));
        }
        {
            pqxx::connection c{analyst.toStdString()};
            pqxx::read_transaction tx{c};
            QVERIFY_THROWS_EXCEPTION(pqxx::sql_error, tx.exec("SELECT count(*) FROM dw.fact_order"));
        }
        queries::KpiDashboard all;
        try {
            all = queries::kpiDashboard(analyst, {});
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        auto c = m_db->connect();
        QCOMPARE(all.headline.revenue, martFigures(*c, "-infinity", "infinity").revenue);
        QVERIFY(!all.forecast.empty() && !all.cohorts.empty() && !all.lifetimeValue.buckets.empty());
        qint64 bucketed = 0;
        for (const auto &b : all.lifetimeValue.buckets)
            bucketed += b.customers;
        QCOMPARE(bucketed, all.lifetimeValue.customers);
    }

    void dateFilterAppliesToEveryFigure()
    {
        auto window = openWindow();
        QVERIFY(window);
        KpisPage *page = kpisPage(*window);
        QTRY_VERIFY_WITH_TIMEOUT(window->connection()->isConnected(), 30000);
        QVERIFY2(waitForFigures(page), qPrintable(page->lastError()));
        const double allRevenue = page->card(KpisPage::Card::Revenue)->value();

        page->dateFilter()->setCustomRange(QDate(2025, 3, 1), QDate(2025, 3, 31));
        QVERIFY(page->isLoading());
        QVERIFY2(waitForFigures(page), qPrintable(page->lastError()));

        auto c = m_db->connect();
        const MartFigures march = martFigures(*c, "2025-03-01", "2025-03-31");
        QVERIFY(march.revenue > 0 && march.revenue < allRevenue);
        QVERIFY(qAbs(page->card(KpisPage::Card::Revenue)->value() - march.revenue) < 0.005);
        QCOMPARE(qint64(page->card(KpisPage::Card::Orders)->value()), march.orders);
        QCOMPARE(qint64(page->card(KpisPage::Card::Customers)->value()), march.customers);
        // February is there to compare with.
        QVERIFY(page->card(KpisPage::Card::Revenue)->comparisonText().contains(QStringLiteral("%")));

        QCOMPARE(page->trendModel()->historyRows(), 31);
        QVERIFY(page->trendModel()->forecast().empty()); // the range ends before the last order day
        double countries = 0;
        for (const auto &row : page->countryModel()->rowsData())
            countries += row.revenue;
        QVERIFY(qAbs(countries - march.revenue) < 0.01);
        double products = 0;
        for (const auto &item : page->productsModel()->items())
            products += item.revenue;
        QVERIFY(products > 0 && products <= march.revenue + 0.01);
        double segments = 0;
        for (const auto &share : page->mixModel()->sharesOf(QStringLiteral("segment")))
            segments += share.revenue;
        QVERIFY(qAbs(segments - march.revenue) < 0.01);
        QCOMPARE(page->cohortModel()->rowCount(), 1);
        QCOMPARE(page->cohortModel()
                     ->data(page->cohortModel()->index(0, widgets::CohortRetentionModel::Cohort),
                            widgets::CohortRetentionModel::SortRole)
                     .toDate(),
                 QDate(2025, 3, 1));
        QCOMPARE(page->lifetimeValueModel()->summary().customers,
                 test::number(*c, "SELECT count(*) FROM mart.customer_lifetime_value "
                                  "WHERE first_order_date BETWEEN '2025-03-01' AND '2025-03-31'"));
        QTest::qWait(300);
        QVERIFY(test::saveScreenshot(window.get(), QStringLiteral("kpis-filtered")));

        // A preset through the combo box, as a user picks it.
        QComboBox *presets = page->dateFilter()->presetBox();
        presets->setCurrentIndex(presets->findData(int(widgets::DateRangeFilter::Preset::Last30)));
        QVERIFY(page->isLoading());
        QVERIFY2(waitForFigures(page), qPrintable(page->lastError()));
        QCOMPARE(page->trendModel()->historyRows(), 30);
        QCOMPARE(page->dashboard().to, page->dashboard().lastDay);
        QCOMPARE(page->trendModel()->forecast().size(), std::size_t(30));
        const MartFigures last30 = martFigures(*c, page->dashboard().from.toString(Qt::ISODate).toStdString(),
                                               page->dashboard().to.toString(Qt::ISODate).toStdString());
        QVERIFY(qAbs(page->card(KpisPage::Card::Revenue)->value() - last30.revenue) < 0.005);
    }

    void chartsExportAsPngAndCsv()
    {
        auto window = openWindow();
        QVERIFY(window);
        KpisPage *page = kpisPage(*window);
        QTRY_VERIFY_WITH_TIMEOUT(window->connection()->isConnected(), 30000);
        QVERIFY2(waitForFigures(page), qPrintable(page->lastError()));
        QTemporaryDir dir;
        for (widgets::ChartPanel *panel : page->panels()) {
            QSignalSpy exported(panel, &widgets::ChartPanel::exported);
            const QString png = dir.filePath(panel->fileStem() + QStringLiteral(".png"));
            const QString csv = dir.filePath(panel->fileStem() + QStringLiteral(".csv"));
            QVERIFY(panel->exportPng(png));
            QVERIFY(panel->exportCsv(csv));
            QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 2, 10000);
            for (const auto &args : std::as_const(exported))
                QVERIFY2(args.at(1).toString().isEmpty(), qPrintable(args.at(1).toString()));
            const QImage image(png);
            QVERIFY2(!image.isNull() && image.width() > 100, qPrintable(png));
            QFile file(csv);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
            QCOMPARE(lines.size(), panel->model()->rowCount() + 1);
            QVERIFY(lines.front().contains(panel->model()->headerData(0, Qt::Horizontal).toString().toUtf8()));
        }
        // The numbers behind a chart, as a sortable table.
        widgets::ChartPanel *products = page->panels().at(2);
        QVERIFY(products->table());
        products->setShowingTable(true);
        QVERIFY(products->isShowingTable());
        QCOMPARE(products->table()->model()->rowCount(), page->productsModel()->rowCount());
        QTest::qWait(100);
        QVERIFY(products->grab().save(test::screenshotPath(QStringLiteral("kpis-table"))));
    }

    void rangeAndLayoutPersist()
    {
        {
            auto window = openWindow();
            QVERIFY(window);
            KpisPage *page = kpisPage(*window);
            QTRY_VERIFY_WITH_TIMEOUT(window->connection()->isConnected(), 30000);
            QVERIFY(waitForFigures(page));
            page->dateFilter()->setCustomRange(QDate(2025, 6, 1), QDate(2025, 8, 31));
            QVERIFY(waitForFigures(page));
            page->trendModel()->setGrain(widgets::RevenueTrendModel::Grain::Month);
        }
        auto window = openWindow();
        QVERIFY(window);
        KpisPage *page = kpisPage(*window);
        QCOMPARE(page->dateFilter()->preset(), widgets::DateRangeFilter::Preset::Custom);
        QCOMPARE(page->dateFilter()->range().from, QDate(2025, 6, 1));
        QCOMPARE(page->dateFilter()->range().to, QDate(2025, 8, 31));
        QCOMPARE(page->trendModel()->grain(), widgets::RevenueTrendModel::Grain::Month);
        QTRY_VERIFY_WITH_TIMEOUT(window->connection()->isConnected(), 30000);
        QVERIFY(waitForFigures(page));
        QCOMPARE(page->trendModel()->historyRows(), 3); // June, July, August
        // A dark palette: every card, chart and the heat-map repaint from it.
        const QPalette dark = test::darkPalette();
        window->setPalette(dark);
        QTest::qWait(300);
        QVERIFY(page->dashboardWidget()->grab().save(test::screenshotPath(QStringLiteral("kpis-monthly-dark"))));
        // Narrow and wide: nothing overlaps or collapses.
        window->resize(1000, 700);
        QTest::qWait(50);
        QVERIFY(page->card(KpisPage::Card::Revenue)->width() > 100);
        window->resize(1600, 1000);
        QTest::qWait(50);
        QVERIFY(page->panels().front()->width() > 400);
    }

    // A warehouse without orders says so in words instead of empty charts.
    void emptyWarehouseSaysSo()
    {
        test::TestDatabase empty;
        ECOMOPS_REQUIRE_DB(empty);
        auto window = openWindow(empty.conninfo());
        QVERIFY(window);
        KpisPage *page = kpisPage(*window);
        QTRY_VERIFY_WITH_TIMEOUT(window->connection()->isConnected(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(page->message(), KpisPage::tr("No KPIs yet"), 30000);
        QVERIFY2(page->lastError().isEmpty(), qPrintable(page->lastError()));
        QVERIFY(page->dashboard().isEmpty() && !page->hasData());
    }

    // At 1280×720 the period reads whole; the revenue axis and the lifetime
    // value chart count in round steps; a segment keeps its colour whatever
    // its rank; a run that ends refreshes the figures without a click.
    void chartsReadAndFollowRuns()
    {
        auto window = openWindow();
        QVERIFY(window);
        window->resize(1280, 720);
        KpisPage *page = kpisPage(*window);
        QTRY_VERIFY_WITH_TIMEOUT(window->connection()->isConnected(), 30000);
        QVERIFY2(waitForFigures(page), qPrintable(page->lastError()));
        page->dateFilter()->setPreset(widgets::DateRangeFilter::Preset::Last365);
        QVERIFY2(waitForFigures(page), qPrintable(page->lastError()));
        QTest::qWait(100);

        QComboBox *period = page->dateFilter()->presetBox();
        QCOMPARE(period->currentText(), QStringLiteral("Last 365 days"));
        const int textWidth = period->fontMetrics().horizontalAdvance(period->currentText());
        QVERIFY2(period->width() > textWidth,
                 qPrintable(QStringLiteral("%1 <= %2").arg(period->width()).arg(textWidth)));
        QVERIFY(period->isVisible());
        QVERIFY(period->visibleRegion().boundingRect().width() > textWidth);
        // The dates beside it read whole too.
        for (QDateEdit *edit : page->dateFilter()->findChildren<QDateEdit *>()) {
            const int dateWidth = edit->fontMetrics().horizontalAdvance(edit->text());
            QVERIFY2(edit->width() > dateWidth, qPrintable(edit->text()));
        }

        const auto vertical = page->trendChart()->chart()->axes(Qt::Vertical);
        QVERIFY(!vertical.isEmpty());
        const auto *revenueAxis = qobject_cast<const QValueAxis *>(vertical.first());
        QVERIFY(revenueAxis);
        QVERIFY2(hasRoundTicks(revenueAxis), qPrintable(QStringLiteral("%1..%2 in %3 ticks")
                                                            .arg(revenueAxis->min())
                                                            .arg(revenueAxis->max())
                                                            .arg(revenueAxis->tickCount())));
        const widgets::NiceScale counts = page->lifetimeValueChart()->countAxis();
        QVERIFY(isRoundStep(counts.step));
        QVERIFY(!widgets::LifetimeValueChart::valueAxisTitle().isEmpty());
        QVERIFY(!widgets::LifetimeValueChart::countAxisTitle().isEmpty());

        // The segment mix: VIP's slice is VIP's colour in any range.
        widgets::MixChart *mix = page->mixChart();
        mix->setDimension(QStringLiteral("segment"));
        const auto vipColour = [mix]() -> QColor {
            const auto series = mix->chart()->series();
            for (QAbstractSeries *s : series)
                if (auto *pie = qobject_cast<QPieSeries *>(s))
                    for (QPieSlice *slice : pie->slices())
                        if (slice->label().startsWith(QStringLiteral("VIP")))
                            return slice->color();
            return {};
        };
        const QColor expected = widgets::kpis::categoryColor(mix->palette(), QStringLiteral("VIP"));
        QCOMPARE(vipColour(), expected);
        page->dateFilter()->setPreset(widgets::DateRangeFilter::Preset::Last30);
        QVERIFY2(waitForFigures(page), qPrintable(page->lastError()));
        if (vipColour().isValid()) // VIP ordered in the last 30 days
            QCOMPARE(vipColour(), expected);
        QVERIFY(widgets::kpis::categoryColor(mix->palette(), QStringLiteral("Regular")) != expected);

        // The Runs workspace says a run ended: the figures are read again.
        QSignalSpy loaded(page, &KpisPage::loaded);
        auto *runs = static_cast<widgets::RunsPage *>(window->workspacePage(widgets::Workspace::Runs));
        emit runs->runEnded(runner::RunResult{});
        QVERIFY(loaded.wait(30000));
    }

    void cleanupTestCase() { m_db.reset(); }
};

ECOMOPS_GUI_TEST_MAIN(TestKpis, "tst_kpis")
#include "tst_kpis.moc"
