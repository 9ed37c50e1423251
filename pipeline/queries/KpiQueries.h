#pragma once
// The analysts' KPIs as the console shows them, read from the mart schema
// only (what the ecomops_analyst role may read; see
// pipeline/warehouse/MARTS.md). Blocking: each call opens its own connection
// and reads everything in one snapshot, so call it from a worker thread.
// Failures throw std::exception (pqxx's, with the server's words in what()).
#include <QDate>
#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <vector>

namespace ecomops::queries {

// Inclusive dates. An invalid date is open (the first / last order day);
// lastDays > 0 instead means the last N days of data, ending on the last
// order day.
struct KpiRange {
    QDate from;
    QDate to;
    int lastDays = 0;
};

struct KpiHeadline {
    double revenue = 0;
    qint64 orders = 0; // revenue-counting orders
    qint64 items = 0;
    double aov = 0; // 0 without orders
    qint64 customers = 0;
    qint64 newCustomers = 0;
    qint64 ordersPlaced = 0; // any status
    // Guest checkouts (orders without a customer) among the revenue orders:
    // counted in revenue, orders and AOV, never in customers.
    qint64 guestOrders = 0;
    double guestRevenueShare = 0; // 0…1
};

struct RevenuePoint {
    QDate period; // the day, or the first day of the month
    double revenue = 0;
    qint64 orders = 0;
    qint64 customers = 0; // per day only (distinct within a day); 0 for months
};

struct ForecastPoint {
    QDate day;
    double forecast = 0;
    double lower = 0;
    double upper = 0;
};

struct RankedItem {
    QString id;
    QString name;
    QString category; // products: the category (or categories) sold under; categories: empty
    qint64 units = 0;
    qint64 orders = 0;
    qint64 products = 0; // categories: distinct products sold
    double revenue = 0;
    double share = 0; // of the range's revenue, 0…1
    int rank = 0;
};

struct CountryRevenue {
    QString countryCode;
    QString countryName;
    QString region;
    QString state; // empty where the source has none
    double revenue = 0;
    qint64 orders = 0;
    qint64 customers = 0;
    double share = 0;
};

struct MixShare {
    QString dimension; // segment, channel, payment_method
    QString value;
    qint64 orders = 0;
    qint64 customers = 0;
    double revenue = 0;
    double orderShare = 0;
    double revenueShare = 0;
};

struct CohortCell {
    QDate cohort; // month of the first revenue order
    int monthsSinceFirst = 0;
    qint64 cohortSize = 0;
    qint64 activeCustomers = 0;
    double retention = 0;
    double revenue = 0;
};

struct LifetimeValueBucket {
    double lower = 0;
    double upper = 0; // exclusive; buckets grow 1-2-5 (100, 200, 500, 1000…) for a long-tailed spread
    qint64 customers = 0;
    qint64 churned = 0;
};

struct LifetimeValueSummary {
    qint64 customers = 0;
    qint64 churned = 0;
    double average = 0;
    double median = 0;
    int churnDays = 0;
    QDate asOf;
    std::vector<LifetimeValueBucket> buckets;
};

struct KpiDashboard {
    QDate firstDay; // of the data; invalid when the marts are empty
    QDate lastDay;
    QDateTime refreshedAt;
    QDate from; // the range resolved against the data
    QDate to;
    KpiHeadline headline;
    KpiHeadline previous; // the same number of days just before `from`
    bool hasPrevious = false;
    std::vector<RevenuePoint> daily;     // every day of the range
    std::vector<RevenuePoint> monthly;   // the range's days summed per month
    std::vector<ForecastPoint> forecast; // the next days after the data; empty when `to` is before the last day
    QString forecastMethod;
    std::vector<RankedItem> topProducts;
    std::vector<RankedItem> topCategories;
    std::vector<CountryRevenue> countries; // one row per country and state, by revenue
    std::vector<MixShare> mix;
    std::vector<CohortCell> cohorts;    // cohorts whose first month falls in the range
    LifetimeValueSummary lifetimeValue; // customers whose first order falls in the range

    bool isEmpty() const { return !lastDay.isValid(); }
};

KpiDashboard kpiDashboard(const QString &conninfo, const KpiRange &range, int topLimit = 10);

// When the marts were last refreshed (invalid if never): a cheap poll that
// tells the console a run has published new figures.
QDateTime martsRefreshedAt(const QString &conninfo);

} // namespace ecomops::queries

Q_DECLARE_METATYPE(ecomops::queries::KpiRange)
