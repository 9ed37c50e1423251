// How the KPIs page is laid out (cards, then rows of chart panels in
// splitters), and how that layout is kept between sessions.
#include "kpis/KpisPage.h"

#include "common/EmptyState.h"
#include "common/Icons.h"
#include "common/Theme.h"
#include "connection/ConnectionController.h"
#include "kpis/BarRankingChart.h"
#include "kpis/ChartPanel.h"
#include "kpis/CohortHeatmap.h"
#include "kpis/CohortRetentionModel.h"
#include "kpis/CountryRevenueModel.h"
#include "kpis/DateRangeFilter.h"
#include "kpis/KpiCard.h"
#include "kpis/KpiStyle.h"
#include "kpis/LifetimeValueChart.h"
#include "kpis/LifetimeValueModel.h"
#include "kpis/MixChart.h"
#include "kpis/MixModel.h"
#include "kpis/RankingModel.h"
#include "kpis/RevenueTrendChart.h"
#include "kpis/RevenueTrendModel.h"

#include <QAbstractButton>
#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <exception>
#include <optional>

namespace ecomops::widgets {
namespace {

const QString kSplitterKey = QStringLiteral("kpis/splitters/%1");
const QString kGrainKey = QStringLiteral("kpis/trendGrain");
const QString kMixKey = QStringLiteral("kpis/mixDimension");
QSplitter *rowSplitter(const QString &name, int minimumHeight)
{
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(name);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(14);
    splitter->setMinimumHeight(minimumHeight);
    return splitter;
}

} // namespace

QWidget *KpisPage::createDashboard()
{
    auto *dashboard = new QWidget;
    dashboard->setObjectName(QStringLiteral("kpiDashboard"));
    auto *layout = new QVBoxLayout(dashboard);
    layout->setContentsMargins(24, 18, 24, 24);
    layout->setSpacing(14);

    auto *cards = new QHBoxLayout;
    cards->setSpacing(14);
    for (const QString &title : {tr("Revenue"), tr("Orders"), tr("Average order value"), tr("Customers")}) {
        auto *card = new KpiCard(title, dashboard);
        m_cards << card;
        cards->addWidget(card, 1);
    }
    layout->addLayout(cards);

    // Revenue trend with the forecast, and the mix.
    m_trendChart = new RevenueTrendChart(m_trendModel);
    m_trendPanel =
        addPanel(new ChartPanel(tr("Revenue trend"), QStringLiteral("revenue-trend"), m_trendChart, m_trendModel));
    auto *grains = new QButtonGroup(m_trendPanel);
    for (auto [text, grain] : {std::pair{tr("Day"), RevenueTrendModel::Grain::Day},
                               std::pair{tr("Month"), RevenueTrendModel::Grain::Month}}) {
        auto *button = new QToolButton(m_trendPanel);
        button->setText(text);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setChecked(grain == m_trendModel->grain());
        grains->addButton(button, int(grain));
        m_trendPanel->addHeaderWidget(button);
    }
    connect(grains, &QButtonGroup::idClicked, this, [this](int id) {
        m_trendModel->setGrain(RevenueTrendModel::Grain(id));
        updateCharts();
    });
    connect(m_trendModel, &QAbstractItemModel::modelReset, grains, [this, grains] {
        if (QAbstractButton *b = grains->button(int(m_trendModel->grain())))
            b->setChecked(true);
    });

    m_mixChart = new MixChart(m_mixModel);
    m_mixPanel = addPanel(new ChartPanel(tr("Sales mix"), QStringLiteral("sales-mix"), m_mixChart, m_mixModel));
    auto *dimension = new QComboBox(m_mixPanel);
    m_mixDimension = dimension;
    dimension->setObjectName(QStringLiteral("mixDimension"));
    dimension->setAccessibleName(tr("Mix by"));
    for (const QString &d : MixModel::dimensions())
        dimension->addItem(MixModel::dimensionTitle(d), d);
    connect(dimension, &QComboBox::currentIndexChanged, this, [this, dimension] {
        m_mixChart->setDimension(dimension->currentData().toString());
        updateCharts();
    });
    m_mixPanel->addHeaderWidget(dimension);

    auto *top = rowSplitter(QStringLiteral("trend"), 330);
    top->addWidget(m_trendPanel);
    top->addWidget(m_mixPanel);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    top->setSizes({600, 400});
    m_splitters << top;
    layout->addWidget(top, 3);

    // Rankings and geography.
    m_productsChart = new BarRankingChart;
    m_productsChart->setAccessibleName(tr("Top products chart"));
    m_productsPanel =
        addPanel(new ChartPanel(tr("Top products"), QStringLiteral("top-products"), m_productsChart, m_productsModel));
    m_categoriesChart = new BarRankingChart;
    m_categoriesChart->setAccessibleName(tr("Top categories chart"));
    m_categoriesPanel = addPanel(
        new ChartPanel(tr("Top categories"), QStringLiteral("top-categories"), m_categoriesChart, m_categoriesModel));
    m_countryChart = new BarRankingChart;
    m_countryChart->setAccessibleName(tr("Revenue by country chart"));
    m_countryPanel = addPanel(
        new ChartPanel(tr("Revenue by country"), QStringLiteral("revenue-by-country"), m_countryChart, m_countryModel));
    auto *middle = rowSplitter(QStringLiteral("rankings"), 340);
    middle->addWidget(m_productsPanel);
    middle->addWidget(m_categoriesPanel);
    middle->addWidget(m_countryPanel);
    middle->setSizes({340, 340, 340});
    m_splitters << middle;
    layout->addWidget(middle, 3);

    // Customers: cohorts and lifetime value.
    m_cohortView = new CohortHeatmap(m_cohortModel);
    m_cohortPanel = addPanel(
        new ChartPanel(tr("Cohort retention"), QStringLiteral("cohort-retention"), m_cohortView, m_cohortModel));
    m_lifetimeValueChart = new LifetimeValueChart(m_lifetimeValueModel);
    m_lifetimeValuePanel = addPanel(new ChartPanel(tr("Customer lifetime value"), QStringLiteral("lifetime-value"),
                                                   m_lifetimeValueChart, m_lifetimeValueModel));
    auto *bottom = rowSplitter(QStringLiteral("customers"), 420);
    bottom->addWidget(m_cohortPanel);
    bottom->addWidget(m_lifetimeValuePanel);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    bottom->setSizes({600, 400});
    m_splitters << bottom;
    layout->addWidget(bottom, 3);

    for (QSplitter *splitter : std::as_const(m_splitters))
        connect(splitter, &QSplitter::splitterMoved, this, &KpisPage::saveState);
    return dashboard;
}

ChartPanel *KpisPage::addPanel(ChartPanel *panel)
{
    m_panels << panel;
    connect(panel, &ChartPanel::exported, this, [this](const QString &path, const QString &error) {
        if (error.isEmpty()) {
            m_status->setText(tr("Saved %1").arg(QFileInfo(path).fileName()));
            m_status->setToolTip(path);
            return;
        }
        QMessageBox box(QMessageBox::Warning, tr("Export failed"),
                        tr("%1 could not be saved.").arg(QFileInfo(path).fileName()), QMessageBox::Ok, this);
        box.setDetailedText(error);
        box.exec();
    });
    return panel;
}

void KpisPage::saveState() const
{
    QSettings settings;
    for (QSplitter *splitter : m_splitters)
        settings.setValue(kSplitterKey.arg(splitter->objectName()), splitter->saveState());
    settings.setValue(kGrainKey, m_trendModel->grain() == RevenueTrendModel::Grain::Month ? QStringLiteral("month")
                                                                                          : QStringLiteral("day"));
    settings.setValue(kMixKey, m_mixChart->dimension());
}

void KpisPage::restoreState()
{
    QSettings settings;
    for (QSplitter *splitter : std::as_const(m_splitters))
        splitter->restoreState(settings.value(kSplitterKey.arg(splitter->objectName())).toByteArray());
    m_trendModel->setGrain(settings.value(kGrainKey).toString() == QLatin1String("month")
                               ? RevenueTrendModel::Grain::Month
                               : RevenueTrendModel::Grain::Day);
    const QString dimension = settings.value(kMixKey).toString();
    if (MixModel::dimensions().contains(dimension))
        m_mixChart->setDimension(dimension);
    m_mixDimension->setCurrentIndex(std::max(0, m_mixDimension->findData(m_mixChart->dimension())));
}

} // namespace ecomops::widgets
