#include "sources/synthetic/Generator.h"

#include "core/Logging.h"
#include "sources/synthetic/Activity.h"
#include "sources/synthetic/Catalog.h"
#include "sources/synthetic/Population.h"
#include "sources/synthetic/ReferenceData.h"
#include "sources/synthetic/RunContext.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <system_error>

namespace ecomops::synthetic {

namespace {

std::uint64_t estimate(double value)
{
    return static_cast<std::uint64_t>(std::llround(value));
}

double share(const int *weights, std::size_t count, std::size_t index)
{
    double total = 0;
    for (std::size_t i = 0; i < count; ++i)
        total += weights[i];
    return total > 0 ? weights[index] / total : 0.0;
}

} // namespace

Generator::Generator(GeneratorOptions options) : m_options(std::move(options))
{
    const std::string error = m_options.validationError();
    if (!error.empty())
        throw GeneratorError("synthetic options: " + error);
}

const std::vector<std::string> &Generator::tableNames()
{
    static const std::vector<std::string> names = {
        "categories", "countries",   "products", "product_prices", "customers", "customer_segments",
        "orders",     "order_lines", "payments", "invoices",       "events",
    };
    return names;
}

const std::vector<std::string> &Generator::plantedKinds()
{
    static const std::vector<std::string> kinds = {
        kind::BadEmail,     kind::OrphanCustomer, kind::OrphanProduct, kind::NegativePrice,
        kind::DuplicateRow, kind::FutureDate,     kind::TotalMismatch, kind::AnomalyQuantity,
    };
    return kinds;
}

std::map<std::string, std::uint64_t> Generator::expectedRowCounts() const
{
    const Plan plan = Plan::from(m_options);
    const ShopShape &shape = m_options.shape;
    const ActivityDays &days = m_options.activityDays;
    const double written = double(std::clamp<std::int64_t>(days.to == -1 ? plan.days() : days.to, 0, plan.days()) -
                                  std::min<std::int64_t>(days.from, plan.days())) /
                           double(std::max<std::int64_t>(plan.days(), 1)); // a share of the days, not weighted
    const double orders = double(plan.orders) * written;
    const double duplicates = m_options.defects.duplicateRow;
    const double completed = share(shape.statusMix.data(), shape.statusMix.size(), 0);
    return {
        {"categories", plan.categories},
        {"countries", kCountryCount},
        {"products", plan.products},
        {"product_prices", estimate(double(plan.products) * (1.0 + 2.0 * shape.priceChangeRate))},
        {"customers", estimate(double(plan.customers) * (1.0 + duplicates))},
        {"customer_segments", estimate(double(plan.customers) * (1.0 + 1.25 * shape.segmentChangeRate))},
        {"orders", estimate(orders * (1.0 + duplicates))},
        {"order_lines", estimate(orders * 2.03)},
        {"payments", estimate(orders * shape.paymentRate)},
        {"invoices", estimate(orders * completed * shape.invoiceRate)},
        {"events", estimate(double(plan.events) * written)},
    };
}

GenerationResult Generator::generate(const std::string &outputDir, const ProgressCallback &progress,
                                     const std::atomic<bool> *cancel) const
{
    const auto started = std::chrono::steady_clock::now();
    std::error_code error;
    std::filesystem::create_directories(outputDir, error);
    if (error)
        throw GeneratorError("cannot create " + outputDir + ": " + error.message());

    GenerationResult result;
    result.outputDir = outputDir;
    const Plan plan = Plan::from(m_options);
    RunControl control(progress, cancel, expectedRowCounts());
    OutputFiles files(outputDir);
    try {
        control.checkCancel();
        Manifest manifest(files);
        DefectDice defects(m_options.seed);
        Catalog catalog(m_options, plan);
        Population population(m_options, plan, defects);
        catalog.write(files, control);
        population.writeCountries(files, control);
        population.write(files, control, manifest);
        Activity(m_options, plan, catalog, population, defects).write(files, control, manifest);
        files.closeAll();
        result.plantedCounts = manifest.counts();
        result.anomalyProducts = catalog.anomalyProducts();
    } catch (const Cancelled &) {
        result.status = GenerationResult::Status::Cancelled;
        qCInfo(lcSource) << "synthetic generation cancelled; partial files removed";
        return result; // `files` removes what was written
    }
    for (const auto &writer : files.writers()) {
        result.bytesWritten += writer->bytesWritten();
        if (writer->table() == "_planted")
            continue;
        result.rowCounts[writer->table()] = writer->rows();
        result.totalRows += writer->rows();
    }
    result.elapsedSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    qCInfo(lcSource).nospace() << "synthetic shop: " << result.totalRows << " rows in " << result.elapsedSeconds
                               << " s (" << qint64(result.rowsPerSecond()) << " rows/s) into "
                               << QString::fromStdString(outputDir);
    return result;
}

} // namespace ecomops::synthetic
