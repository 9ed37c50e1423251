#pragma once
// A source of shop data other than the synthetic generator (an Olist CSV
// folder, a transaction log, an OLTP database): it writes the canonical
// staged CSVs (staging/Catalog.h) into a snapshot folder and reports what it
// understood (file → table, column → column, date formats chosen and why,
// columns ignored). Everything downstream is the same for every source.
#include "core/Cancellation.h"
#include "core/Progress.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <map>
#include <stdexcept>
#include <string>

namespace ecomops::sources {

// A problem with the input, in words naming the file, line and reason.
class SourceError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct SourceResult {
    std::map<std::string, qint64> rows; // table → records written (for _metadata.json)
    // table → source records skipped because every field was empty
    // (spreadsheet padding), for the table each file primarily feeds: they
    // count as read in the run's row accounting, never as quarantined.
    std::map<std::string, qint64> skipped;
    nlohmann::json report = nlohmann::json::object(); // the mapping it used; goes to _metadata.json and the log
};

class SourceAdapter
{
public:
    virtual ~SourceAdapter() = default;
    virtual QString kind() const = 0; // "olist", "txnlog", "sourcedb"
    // `directory` exists and is empty. Throws SourceError before writing
    // anything when a required input is missing.
    virtual SourceResult produce(const nlohmann::json &options, const QString &directory, StageObserver &observer,
                                 CancelToken &cancel) const = 0;
};

// The adapter for a source kind, or nullptr.
const SourceAdapter *findSource(const QString &kind);

} // namespace ecomops::sources
