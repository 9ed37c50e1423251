#pragma once
// Scores and gates, from the rules' counts: no database, no I/O.
//
// A score is the share of checks that passed, 0–100, per table and
// dimension: each rule applied to one value (or row) is one check, and the
// rules of a dimension are pooled. Info rules are not scored. A dimension
// with no check for a table has no score (not 100) and no gate. Scores are
// floored to three decimals, so a score of 100 means nothing failed.
//
// Rows that never reach the warehouse count against the dimension of the
// reason they were set aside for (quarantined at load or validate, rejected
// by the transform): a dimension's score is at most the share of the rows
// read that it did not lose, so a table that loses 35 % of its rows to
// unresolved references scores integrity 65 at best, whatever its other
// checks say.
//
// A table's overall score is the weighted mean of its dimension scores
// (QualityOptions::weights); the run's overall score is the mean of the
// tables' overall scores weighted by their rows.
#include "quality/QualityOptions.h"
#include "quality/RowRules.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ecomops::quality {

struct DimensionScore {
    Dimension dimension = Dimension::Validity;
    qint64 checked = 0;
    qint64 failed = 0;
    qint64 lost = 0;             // rows of this dimension that did not reach the warehouse
    std::optional<double> score; // none when nothing was checked
    double threshold = 0;
    bool passed = true;
};

struct ColumnNulls {
    std::string column;
    bool required = false;
    qint64 nulls = 0; // empty or blank cells
};

// What a table brings besides its rule results.
struct TableFacts {
    std::string table;
    qint64 rows = 0;        // rows read from its file
    qint64 checkedRows = 0; // rows the row rules looked at
    std::vector<ColumnNulls> columns;
    // Rows set aside (quarantined or rejected), by the dimension of their
    // reasons; a row with reasons in two dimensions counts in both.
    std::array<qint64, 8> lost{};

    // The null_percent gate counts the cells of required columns and of
    // optional columns the source filled at least once: an optional column
    // that is empty in every row is one the source does not have (Olist has
    // no e-mail addresses), not a defect of each row.
    bool counted(const ColumnNulls &c) const { return c.required || c.nulls < checkedRows; }
};

struct GateCheck {
    std::string table;
    std::string metric; // overall, a dimension, null_percent or duplicate_percent
    double value = 0;
    double threshold = 0;
    bool atLeast = true; // value >= threshold passes (else value <= threshold)
    bool passed = true;
    GateMode mode = GateMode::Fail;
    std::string message; // for a failed check: table, metric, value, threshold and mode in words
};

enum class GateStatus { Passed, Warned, Failed };
const char *toString(GateStatus status);

struct TableScore {
    std::string table;
    qint64 rows = 0;
    std::array<DimensionScore, 8> dimensions;
    std::optional<double> overall;
    double overallThreshold = 0;
    bool overallPassed = true;
    qint64 nullCells = 0;                // in counted columns
    qint64 cells = 0;                    // of counted columns
    std::vector<std::string> unprovided; // optional columns empty in every row (not counted)
    qint64 duplicateRows = 0;
    GateMode mode = GateMode::Fail;
};

struct ScoreCard {
    std::vector<TableScore> tables;
    std::array<DimensionScore, 8> run; // all tables pooled
    std::optional<double> overall;     // the run's overall score
    GateStatus status = GateStatus::Passed;
    std::vector<GateCheck> gates;      // every gate evaluated, passed or not
    std::vector<std::string> messages; // the failed ones, worst first

    const TableScore *table(const std::string &name) const;
};

double floorScore(double score);
// A score shown with one decimal: cut, never rounded up, so 99.95 reads 99.9
// and only a table that passed everything reads 100.0.
double oneDecimalScore(double score);

ScoreCard scoreRun(const std::vector<RuleResult> &results, const std::vector<TableFacts> &tables,
                   const QualityOptions &options);

} // namespace ecomops::quality
