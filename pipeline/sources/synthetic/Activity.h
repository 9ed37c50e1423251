#pragma once
// The transactional tables, streamed day by day in time order: orders and
// their lines, payments, invoices and the clickstream. Only one day's
// timestamps are ever held in memory.
#include "sources/synthetic/Catalog.h"
#include "sources/synthetic/Population.h"

namespace ecomops::synthetic {

class Activity
{
public:
    Activity(const GeneratorOptions &options, const Plan &plan, const Catalog &catalog, const Population &population,
             DefectDice &defects);

    void write(OutputFiles &files, RunControl &control, Manifest &manifest);

    // Relative order volume of each day of the period: season, weekday and
    // shopping events (Black Friday, Cyber Monday, Christmas).
    static std::vector<double> dayWeights(const Plan &plan);

private:
    struct Writers;
    struct Line;

    void writeOrder(Writers &out, Manifest &manifest, std::int64_t second, std::int64_t day);
    void writeSessions(Writers &out, std::uint64_t events, std::int64_t day);
    std::int64_t timeOfDay(Rng &rng) const;

    const GeneratorOptions &m_options;
    const Plan &m_plan;
    const Catalog &m_catalog;
    const Population &m_population;
    DefectDice &m_defects;
    Rng m_orders;
    Rng m_events;
    Rng m_anomalies;
    Mix m_hours;
    Mix m_channels;
    Mix m_statuses;
    Mix m_methods;
    Mix m_lineCounts;
    Mix m_eventTypes;
    Mix m_sessionLengths;
    double m_payNonPending = 1.0;
    double m_payPending = 0.0;
    std::int64_t m_orderId = 0;
    std::int64_t m_paymentId = 0;
    std::int64_t m_invoiceCount = 0;
    std::int64_t m_eventId = 0;
    std::int64_t m_sessionId = 0;
    std::vector<std::int64_t> m_times;
    std::vector<std::uint32_t> m_sessionLengthsOfDay;
};

} // namespace ecomops::synthetic
