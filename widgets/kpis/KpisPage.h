#pragma once
// KPIs for analysts, read from the mart views: headline cards, the revenue
// trend with its forecast, top products and categories, geography, the
// sales mix, cohort retention and lifetime value — all for one date range.
// Loads run on the thread pool; a newer load makes an older one's result
// stale, and it is dropped.
#include "common/JobTracker.h"
#include "common/WorkspacePage.h"
#include "queries/KpiQueries.h"

#include <QDateTime>

class QComboBox;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace ecomops::widgets {

class BarRankingChart;
class ChartPanel;
class CohortHeatmap;
class CohortRetentionModel;
class CountryRevenueModel;
class DateRangeFilter;
class EmptyState;
class KpiCard;
class LifetimeValueChart;
class LifetimeValueModel;
class MixChart;
class MixModel;
class RankingModel;
class RevenueTrendChart;
class RevenueTrendModel;

class KpisPage : public WorkspacePage
{
    Q_OBJECT
public:
    enum class Card { Revenue, Orders, AverageOrderValue, Customers };

    explicit KpisPage(ConnectionController *connection, QWidget *parent = nullptr);
    ~KpisPage() override;

    bool isLoading() const { return m_loading; }
    bool hasData() const { return m_loaded && !m_data.isEmpty(); }
    const queries::KpiDashboard &dashboard() const { return m_data; }
    QString lastError() const { return m_error; }
    // The words shown instead of the dashboard (not connected, no data, an
    // error); empty while the dashboard shows.
    QString message() const;

    DateRangeFilter *dateFilter() const { return m_filter; }
    KpiCard *card(Card card) const;
    QList<ChartPanel *> panels() const { return m_panels; }
    QWidget *dashboardWidget() const { return m_dashboard; }
    RevenueTrendModel *trendModel() const { return m_trendModel; }
    RevenueTrendChart *trendChart() const { return m_trendChart; }
    RankingModel *productsModel() const { return m_productsModel; }
    RankingModel *categoriesModel() const { return m_categoriesModel; }
    CountryRevenueModel *countryModel() const { return m_countryModel; }
    MixModel *mixModel() const { return m_mixModel; }
    CohortRetentionModel *cohortModel() const { return m_cohortModel; }
    LifetimeValueModel *lifetimeValueModel() const { return m_lifetimeValueModel; }
    LifetimeValueChart *lifetimeValueChart() const { return m_lifetimeValueChart; }
    MixChart *mixChart() const { return m_mixChart; }

public slots:
    void refresh();
    void warehouseChanged() override;

signals:
    // A load finished and its figures (or its error) are on screen.
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Load {
        queries::KpiDashboard data;
        QString error;
    };

    QWidget *createDashboard();
    ChartPanel *addPanel(ChartPanel *panel);
    void connectionChanged();
    void apply(const Load &load);
    void showMessage(const QString &title, const QString &text);
    void setLoading(bool loading);
    void updateCards();
    void updateCharts();
    void pollForNewFigures();
    void saveState() const;
    void restoreState();

    DateRangeFilter *m_filter;
    QToolButton *m_refreshButton;
    QLabel *m_status;
    QTimer *m_poll;
    EmptyState *m_message;
    QStackedWidget *m_stack;
    QWidget *m_dashboard = nullptr;
    QList<QSplitter *> m_splitters;
    QList<ChartPanel *> m_panels;
    QList<KpiCard *> m_cards;

    RevenueTrendModel *m_trendModel;
    RankingModel *m_productsModel;
    RankingModel *m_categoriesModel;
    CountryRevenueModel *m_countryModel;
    MixModel *m_mixModel;
    CohortRetentionModel *m_cohortModel;
    LifetimeValueModel *m_lifetimeValueModel;

    RevenueTrendChart *m_trendChart = nullptr;
    ChartPanel *m_trendPanel = nullptr;
    MixChart *m_mixChart = nullptr;
    QComboBox *m_mixDimension = nullptr;
    ChartPanel *m_mixPanel = nullptr;
    BarRankingChart *m_productsChart = nullptr;
    ChartPanel *m_productsPanel = nullptr;
    BarRankingChart *m_categoriesChart = nullptr;
    ChartPanel *m_categoriesPanel = nullptr;
    BarRankingChart *m_countryChart = nullptr;
    ChartPanel *m_countryPanel = nullptr;
    CohortHeatmap *m_cohortView = nullptr;
    ChartPanel *m_cohortPanel = nullptr;
    LifetimeValueChart *m_lifetimeValueChart = nullptr;
    ChartPanel *m_lifetimeValuePanel = nullptr;

    queries::KpiDashboard m_data;
    QString m_error;
    JobTracker m_loadJob{this};
    JobTracker m_pollJob{this};
    bool m_loading = false;
    bool m_loaded = false;
    bool m_dirty = true;
};

} // namespace ecomops::widgets
