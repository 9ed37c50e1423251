#pragma once
// Internal plumbing shared by the generator's parts: the plan (sizes and
// period), the open output files, progress and cancellation, and the
// manifest of planted rows.
#include "sources/synthetic/Generator.h"
#include "sources/synthetic/Random.h"
#include "sources/synthetic/TableWriter.h"

#include <deque>
#include <memory>

namespace ecomops::synthetic {

// Streams of the seed, one per purpose (see Rng).
enum Stream : std::uint64_t {
    CatalogStream = 1,
    CustomerStream,
    NameStream,
    SegmentStream,
    OrderStream,
    EventStream,
    DefectStream,
    AnomalyStream,
    AnomalyLineStream,
};

struct Plan {
    std::int64_t startDay = 0; // days since 1970-01-01
    std::int64_t endDay = 0;   // exclusive
    std::uint64_t categories = 0;
    std::uint64_t products = 0;
    std::uint64_t customers = 0;
    std::uint64_t orders = 0;
    std::uint64_t events = 0;

    static Plan from(const GeneratorOptions &options);
    std::int64_t startSecond() const { return startDay * 86400; }
    std::int64_t endSecond() const { return endDay * 86400; }
    std::int64_t days() const { return endDay - startDay; }
};

struct Cancelled {
};

class RunControl
{
public:
    RunControl(const ProgressCallback &progress, const std::atomic<bool> *cancel,
               std::map<std::string, std::uint64_t> expected);
    void checkCancel() const
    {
        if (m_cancel && m_cancel->load(std::memory_order_relaxed))
            throw Cancelled{};
    }
    // Reports the table's progress if ~50,000 rows passed since the last
    // report (or always, when `final`), then checks for cancellation.
    void step(const TableWriter &table, bool final = false);

private:
    const ProgressCallback &m_progress;
    const std::atomic<bool> *m_cancel;
    std::map<std::string, std::uint64_t> m_expected;
    std::map<std::string, std::uint64_t> m_reported;
};

// Every file of the run, so that a failed or cancelled run removes them all.
class OutputFiles
{
public:
    explicit OutputFiles(std::string dir) : m_dir(std::move(dir)) {}
    ~OutputFiles();
    TableWriter &open(const std::string &table, std::initializer_list<std::string_view> columns);
    TableWriter &openFile(const std::string &table, const std::string &fileName,
                          std::initializer_list<std::string_view> columns);
    void closeAll();
    const std::deque<std::unique_ptr<TableWriter>> &writers() const { return m_writers; }

private:
    std::string m_dir;
    std::deque<std::unique_ptr<TableWriter>> m_writers;
    bool m_closed = false;
};

namespace kind {
inline constexpr const char *BadEmail = "bad_email";
inline constexpr const char *OrphanCustomer = "orphan_customer";
inline constexpr const char *OrphanProduct = "orphan_product";
inline constexpr const char *NegativePrice = "negative_price";
inline constexpr const char *DuplicateRow = "duplicate_row";
inline constexpr const char *FutureDate = "future_date";
inline constexpr const char *TotalMismatch = "total_mismatch";
inline constexpr const char *AnomalyQuantity = "anomaly_quantity";
} // namespace kind

class Manifest
{
public:
    explicit Manifest(OutputFiles &files);
    void plant(const TableWriter &table, std::uint64_t line, std::string_view key, const char *kind,
               std::string_view detail);
    const std::map<std::string, std::uint64_t> &counts() const { return m_counts; }

private:
    TableWriter &m_out;
    std::map<std::string, std::uint64_t> m_counts;
};

// Draws for planted defects come from their own stream and only when the
// rate is non-zero, so the clean data does not move when defects are added.
class DefectDice
{
public:
    explicit DefectDice(std::uint64_t seed) : m_rng(seed, DefectStream) {}
    bool roll(double rate) { return rate > 0 && m_rng.chance(rate); }
    Rng &rng() { return m_rng; }

private:
    Rng m_rng;
};

} // namespace ecomops::synthetic
