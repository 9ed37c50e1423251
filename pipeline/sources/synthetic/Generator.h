#pragma once
// The seeded synthetic shop: writes one CSV per table (header row, RFC 4180,
// LF, UTF-8) plus `_planted.csv`, the ground truth of every planted defect
// and anomaly (table, line, key, kind, detail; line is the physical line in
// that table's file, the header being line 1). Same options ⇒ the same
// bytes. Memory stays O(customers + products) at any scale: orders, lines,
// payments, invoices and events are streamed day by day.
#include "sources/synthetic/GeneratorOptions.h"

#include <QMetaType>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ecomops::synthetic {

// Called on the generating thread, at most every ~50,000 rows of a table
// and once when a table is complete.
using ProgressCallback =
    std::function<void(const std::string &table, std::uint64_t rowsDone, std::uint64_t rowsExpected)>;

struct GenerationResult {
    enum class Status { Completed, Cancelled };

    Status status = Status::Completed;
    std::string outputDir;
    std::map<std::string, std::uint64_t> rowCounts;     // table → data rows written (duplicates included)
    std::map<std::string, std::uint64_t> plantedCounts; // manifest kind → rows
    std::vector<std::string> anomalyProducts;           // SKUs eligible for anomaly_quantity
    std::uint64_t totalRows = 0;                        // all tables, manifest excluded
    std::uint64_t bytesWritten = 0;
    double elapsedSeconds = 0;

    double rowsPerSecond() const { return elapsedSeconds > 0 ? double(totalRows) / elapsedSeconds : 0.0; }
};

class Generator
{
public:
    // Throws GeneratorError when the options are not usable.
    explicit Generator(GeneratorOptions options);

    const GeneratorOptions &options() const { return m_options; }

    // Table names in the order they are written; each is "<name>.csv".
    static const std::vector<std::string> &tableNames();
    static constexpr const char *kManifestFileName = "_planted.csv";
    // Planted kinds as they appear in the manifest's `kind` column.
    static const std::vector<std::string> &plantedKinds();

    // Known before generating (for an ETA): exact for categories, countries,
    // products, customers (without duplicates), orders (without duplicates)
    // and events; estimates for the others.
    std::map<std::string, std::uint64_t> expectedRowCounts() const;

    // Writes into `outputDir` (created if missing; files of the same names
    // are replaced). Checks `cancel` between batches of rows: a cancelled
    // run removes the files it wrote and returns Status::Cancelled. Throws
    // GeneratorError on an I/O error, after removing its files.
    GenerationResult generate(const std::string &outputDir, const ProgressCallback &progress = {},
                              const std::atomic<bool> *cancel = nullptr) const;

private:
    GeneratorOptions m_options;
};

} // namespace ecomops::synthetic

Q_DECLARE_METATYPE(ecomops::synthetic::GenerationResult)
