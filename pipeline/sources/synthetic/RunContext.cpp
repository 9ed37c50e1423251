#include "sources/synthetic/RunContext.h"

#include "sources/synthetic/Civil.h"

#include <algorithm>
#include <cmath>

namespace ecomops::synthetic {

namespace {

std::uint64_t scaled(double base, double scale, std::uint64_t minimum)
{
    return std::max<std::uint64_t>(minimum, static_cast<std::uint64_t>(std::llround(base * scale)));
}

std::int64_t dayOf(const QDate &date)
{
    return daysFromCivil(date.year(), date.month(), date.day());
}

} // namespace

Plan Plan::from(const GeneratorOptions &options)
{
    Plan plan;
    plan.startDay = dayOf(options.startDate);
    plan.endDay = dayOf(options.startDate.addMonths(options.months));
    plan.categories = scaled(20, options.scale, 20);
    plan.products = scaled(1000, options.scale, 10);
    plan.customers = scaled(10000, options.scale, 10);
    plan.orders = scaled(100000, options.scale, 1);
    plan.events = static_cast<std::uint64_t>(std::llround(double(plan.orders) * options.shape.eventsPerOrder));
    return plan;
}

RunControl::RunControl(const ProgressCallback &progress, const std::atomic<bool> *cancel,
                       std::map<std::string, std::uint64_t> expected)
    : m_progress(progress), m_cancel(cancel), m_expected(std::move(expected))
{
}

void RunControl::step(const TableWriter &table, bool final)
{
    if (m_progress) {
        std::uint64_t &reported = m_reported[table.table()];
        if (final || table.rows() >= reported + 50000) {
            reported = table.rows();
            const auto expected = m_expected.find(table.table());
            m_progress(table.table(), table.rows(),
                       final ? table.rows() : (expected == m_expected.end() ? 0 : expected->second));
        }
    }
    checkCancel();
}

OutputFiles::~OutputFiles()
{
    if (m_closed)
        return;
    for (auto &writer : m_writers)
        writer->discard();
}

TableWriter &OutputFiles::open(const std::string &table, std::initializer_list<std::string_view> columns)
{
    return openFile(table, table + ".csv", columns);
}

TableWriter &OutputFiles::openFile(const std::string &table, const std::string &fileName,
                                   std::initializer_list<std::string_view> columns)
{
    m_writers.push_back(std::make_unique<TableWriter>(table, m_dir + "/" + fileName, columns));
    return *m_writers.back();
}

void OutputFiles::closeAll()
{
    for (auto &writer : m_writers)
        writer->close();
    m_closed = true;
}

Manifest::Manifest(OutputFiles &files)
    : m_out(files.openFile("_planted", Generator::kManifestFileName, {"table", "line", "key", "kind", "detail"}))
{
}

void Manifest::plant(const TableWriter &table, std::uint64_t line, std::string_view key, const char *kind,
                     std::string_view detail)
{
    if (line == 0)
        return; // a row a muted writer dropped (GeneratorOptions::activityDays)
    m_out.text(table.table());
    m_out.integer(static_cast<std::int64_t>(line));
    m_out.text(key);
    m_out.text(kind);
    m_out.text(detail);
    m_out.endRow();
    ++m_counts[kind];
}

} // namespace ecomops::synthetic
