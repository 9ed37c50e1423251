#include "queries/KpiQueries.h"

#include <pqxx/pqxx>

#include <algorithm>
#include <cmath>

namespace ecomops::queries {
namespace {

QString text(const pqxx::field &f)
{
    return f.is_null() ? QString() : QString::fromStdString(f.as<std::string>());
}

double number(const pqxx::field &f)
{
    return f.is_null() ? 0.0 : f.as<double>();
}

qint64 count(const pqxx::field &f)
{
    return f.is_null() ? 0 : f.as<qint64>();
}

QDate date(const pqxx::field &f)
{
    return f.is_null() ? QDate() : QDate::fromString(QString::fromStdString(f.as<std::string>()), Qt::ISODate);
}

std::string iso(const QDate &d)
{
    return d.toString(Qt::ISODate).toStdString();
}

// The 1-2-5 step at or below `value` (value > 0), and the one after `step`.
double niceFloor(double value)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    return value >= 5 * magnitude ? 5 * magnitude : value >= 2 * magnitude ? 2 * magnitude : magnitude;
}

double niceNext(double step)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    const double mantissa = step / magnitude;
    return mantissa < 1.5 ? 2 * magnitude : mantissa < 3.5 ? 5 * magnitude : 10 * magnitude;
}

KpiHeadline headline(pqxx::transaction_base &tx, const QDate &from, const QDate &to)
{
    const pqxx::row r = tx.exec_params1(
        "SELECT k.revenue::float8, k.orders, k.items, coalesce(k.aov, 0)::float8, k.customers, k.new_customers, "
        "k.orders_placed, g.guest_orders, coalesce(g.guest_revenue_share, 0)::float8 "
        "FROM mart.kpi_summary($1::date, $2::date) k CROSS JOIN mart.guest_share_between($1::date, $2::date) g",
        iso(from), iso(to));
    KpiHeadline h;
    h.revenue = number(r[0]);
    h.orders = count(r[1]);
    h.items = count(r[2]);
    h.aov = number(r[3]);
    h.customers = count(r[4]);
    h.newCustomers = count(r[5]);
    h.ordersPlaced = count(r[6]);
    h.guestOrders = count(r[7]);
    h.guestRevenueShare = number(r[8]);
    return h;
}

std::vector<RankedItem> ranking(pqxx::transaction_base &tx, const std::string &sql, const QDate &from, const QDate &to,
                                int limit, bool products)
{
    std::vector<RankedItem> items;
    for (const pqxx::row &r : tx.exec_params(sql, iso(from), iso(to), limit)) {
        RankedItem item;
        item.id = text(r[0]);
        item.name = text(r[1]);
        if (item.name.isEmpty())
            item.name = item.id;
        if (products)
            item.category = text(r[2]);
        else
            item.products = count(r[2]);
        item.units = count(r[3]);
        item.revenue = number(r[4]);
        item.orders = count(r[5]);
        item.share = number(r[6]);
        item.rank = int(count(r[7]));
        items.push_back(item);
    }
    return items;
}

LifetimeValueSummary lifetimeValue(pqxx::transaction_base &tx, const QDate &from, const QDate &to)
{
    // Customers acquired in the range (first revenue order in it): their
    // lifetime value and whether they have churned since.
    const std::string customers =
        "WITH c AS (SELECT total_spent::float8 AS v, churned FROM mart.customer_lifetime_value "
        "WHERE first_order_date BETWEEN $1::date AND $2::date) ";
    const pqxx::row s = tx.exec_params1(
        customers +
            "SELECT count(*), count(*) FILTER (WHERE churned), coalesce(avg(v), 0), "
            "coalesce(percentile_disc(0.5) WITHIN GROUP (ORDER BY v), 0), "
            "coalesce(percentile_cont(0.05) WITHIN GROUP (ORDER BY v), 0), coalesce(max(v), 0), "
            "(SELECT churn_days FROM mart.settings), (SELECT max(as_of_date) FROM mart.customer_lifetime_value) "
            "FROM c",
        iso(from), iso(to));
    LifetimeValueSummary summary;
    summary.customers = count(s[0]);
    summary.churned = count(s[1]);
    summary.average = number(s[2]);
    summary.median = number(s[3]);
    summary.churnDays = int(count(s[6]));
    summary.asOf = date(s[7]);
    if (summary.customers == 0)
        return summary;

    // Lifetime values are long-tailed (a few customers spend most), so the
    // buckets grow 1-2-5: below the 5th percentile's step, then 100–200,
    // 200–500, 500–1000… up past the largest value.
    std::vector<double> edges{niceFloor(std::max(number(s[4]), 1.0))};
    while (edges.back() <= number(s[5]))
        edges.push_back(niceNext(edges.back()));
    summary.buckets.resize(edges.size());
    for (std::size_t i = 0; i < edges.size(); ++i) {
        summary.buckets[i].lower = i == 0 ? 0.0 : edges[i - 1];
        summary.buckets[i].upper = edges[i];
    }
    std::string thresholds = "{";
    for (std::size_t i = 0; i < edges.size(); ++i)
        thresholds += (i ? "," : "") + std::to_string(edges[i]);
    thresholds += "}";
    for (const pqxx::row &r : tx.exec_params(customers + "SELECT width_bucket(v, $3::float8[]), count(*), "
                                                         "count(*) FILTER (WHERE churned) FROM c GROUP BY 1 ORDER BY 1",
                                             iso(from), iso(to), thresholds)) {
        const auto i = std::min(std::size_t(std::max(0, r[0].as<int>())), summary.buckets.size() - 1);
        summary.buckets[i].customers += count(r[1]);
        summary.buckets[i].churned += count(r[2]);
    }
    return summary;
}

} // namespace

KpiDashboard kpiDashboard(const QString &conninfo, const KpiRange &range, int topLimit)
{
    pqxx::connection c{conninfo.toStdString()};
    pqxx::read_transaction tx{c};
    KpiDashboard d;
    {
        const pqxx::row r = tx.exec1("SELECT (SELECT min(day) FROM mart.revenue_daily), "
                                     "(SELECT max(day) FROM mart.revenue_daily), "
                                     "(SELECT (extract(epoch FROM refreshed_at) * 1000)::bigint FROM mart.settings)");
        d.firstDay = date(r[0]);
        d.lastDay = date(r[1]);
        if (!r[2].is_null())
            d.refreshedAt = QDateTime::fromMSecsSinceEpoch(r[2].as<qint64>());
    }
    if (d.isEmpty())
        return d;

    d.to = range.lastDays > 0 || !range.to.isValid() ? d.lastDay : range.to;
    d.from = range.lastDays > 0 ? d.to.addDays(1 - range.lastDays) : range.from.isValid() ? range.from : d.firstDay;
    if (d.from > d.to)
        std::swap(d.from, d.to);
    const QDate &from = d.from;
    const QDate &to = d.to;

    d.headline = headline(tx, from, to);
    const qint64 days = from.daysTo(to) + 1;
    const QDate previousTo = from.addDays(-1);
    d.hasPrevious = previousTo >= d.firstDay;
    if (d.hasPrevious)
        d.previous = headline(tx, from.addDays(-days), previousTo);

    for (const pqxx::row &r : tx.exec_params("SELECT day, revenue::float8, orders, customers FROM mart.revenue_daily "
                                             "WHERE day BETWEEN $1::date AND $2::date ORDER BY day",
                                             iso(from), iso(to)))
        d.daily.push_back({date(r[0]), number(r[1]), count(r[2]), count(r[3])});
    for (const pqxx::row &r : tx.exec_params("SELECT date_trunc('month', day)::date, sum(revenue)::float8, "
                                             "sum(orders)::bigint FROM mart.revenue_daily "
                                             "WHERE day BETWEEN $1::date AND $2::date GROUP BY 1 ORDER BY 1",
                                             iso(from), iso(to)))
        d.monthly.push_back({date(r[0]), number(r[1]), count(r[2]), 0});
    if (to >= d.lastDay) {
        for (const pqxx::row &r : tx.exec("SELECT day, forecast::float8, lower_bound::float8, upper_bound::float8, "
                                          "method FROM mart.revenue_forecast WHERE is_forecast ORDER BY day")) {
            d.forecast.push_back({date(r[0]), number(r[1]), number(r[2]), number(r[3])});
            d.forecastMethod = text(r[4]);
        }
    }

    d.topProducts = ranking(tx,
                            "SELECT product_id, product_name, category_name, units, revenue::float8, orders, "
                            "revenue_share::float8, revenue_rank "
                            "FROM mart.top_products_between($1::date, $2::date, $3::int)",
                            from, to, topLimit, true);
    d.topCategories = ranking(tx,
                              "SELECT category_id, category_name, products, units, revenue::float8, orders, "
                              "revenue_share::float8, revenue_rank "
                              "FROM mart.top_categories_between($1::date, $2::date, $3::int)",
                              from, to, topLimit, false);

    for (const pqxx::row &r : tx.exec_params("SELECT country_code, country_name, region, state, revenue::float8, "
                                             "orders, customers, revenue_share::float8 "
                                             "FROM mart.revenue_by_country_between($1::date, $2::date)",
                                             iso(from), iso(to))) {
        CountryRevenue row;
        row.countryCode = text(r[0]);
        row.countryName = text(r[1]);
        if (row.countryName.isEmpty())
            row.countryName = row.countryCode;
        row.region = text(r[2]);
        row.state = text(r[3]);
        row.revenue = number(r[4]);
        row.orders = count(r[5]);
        row.customers = count(r[6]);
        row.share = number(r[7]);
        d.countries.push_back(row);
    }

    for (const pqxx::row &r : tx.exec_params("SELECT dimension, value, orders, customers, revenue::float8, "
                                             "order_share::float8, revenue_share::float8 "
                                             "FROM mart.mix_between($1::date, $2::date)",
                                             iso(from), iso(to))) {
        MixShare m;
        m.dimension = text(r[0]);
        m.value = text(r[1]);
        m.orders = count(r[2]);
        m.customers = count(r[3]);
        m.revenue = number(r[4]);
        m.orderShare = number(r[5]);
        m.revenueShare = number(r[6]);
        d.mix.push_back(m);
    }

    for (const pqxx::row &r :
         tx.exec_params("SELECT cohort_month, months_since_first, cohort_size, active_customers, retention::float8, "
                        "revenue::float8 FROM mart.cohort_retention "
                        "WHERE cohort_month BETWEEN date_trunc('month', $1::date)::date AND $2::date "
                        "ORDER BY cohort_month, months_since_first",
                        iso(from), iso(to)))
        d.cohorts.push_back({date(r[0]), r[1].as<int>(), count(r[2]), count(r[3]), number(r[4]), number(r[5])});

    d.lifetimeValue = lifetimeValue(tx, from, to);
    return d;
}

QDateTime martsRefreshedAt(const QString &conninfo)
{
    pqxx::connection c{conninfo.toStdString()};
    pqxx::read_transaction tx{c};
    const pqxx::row r = tx.exec1("SELECT (extract(epoch FROM refreshed_at) * 1000)::bigint FROM mart.settings");
    return r[0].is_null() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(r[0].as<qint64>());
}

} // namespace ecomops::queries
