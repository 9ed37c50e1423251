#include "quality/Scoring.h"

#include "core/EnumNames.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ecomops::quality {
namespace {

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    std::string s = text;
    while (s.back() == '0')
        s.pop_back();
    if (s.back() == '.')
        s.pop_back();
    return s;
}

std::array<DimensionScore, 8> emptyDimensions()
{
    std::array<DimensionScore, 8> out;
    for (Dimension d : kDimensions)
        out[indexOf(d)].dimension = d;
    return out;
}

void finishScores(std::array<DimensionScore, 8> &dimensions)
{
    for (DimensionScore &d : dimensions) {
        if (d.checked > 0)
            d.score = floorScore(100.0 * double(d.checked - d.failed) / double(d.checked));
    }
}

// A dimension scores at most the share of rows it did not lose.
void capByLostRows(std::array<DimensionScore, 8> &dimensions, qint64 rows)
{
    if (rows <= 0)
        return;
    for (DimensionScore &d : dimensions) {
        if (d.lost <= 0)
            continue;
        const double cap = floorScore(100.0 * double(rows - std::min(d.lost, rows)) / double(rows));
        d.score = std::min(d.score.value_or(100.0), cap);
    }
}

std::optional<double> weightedOverall(const std::array<DimensionScore, 8> &dimensions,
                                      const std::array<double, 8> &weights)
{
    double sum = 0, weight = 0;
    for (const DimensionScore &d : dimensions) {
        if (!d.score)
            continue;
        sum += *d.score * weights[indexOf(d.dimension)];
        weight += weights[indexOf(d.dimension)];
    }
    if (weight <= 0)
        return std::nullopt;
    return floorScore(sum / weight);
}

GateCheck gate(const std::string &table, std::string metric, double value, double threshold, bool atLeast,
               GateMode mode, const std::string &words)
{
    GateCheck g;
    g.table = table;
    g.metric = std::move(metric);
    g.value = value;
    g.threshold = threshold;
    g.atLeast = atLeast;
    g.mode = mode;
    g.passed = atLeast ? value >= threshold : value <= threshold;
    if (!g.passed)
        g.message = table + ": " + words + " (gate: " + toString(mode) + ")";
    return g;
}

constexpr EnumName<GateStatus> kGateStatuses[] = {
    {GateStatus::Passed, "passed"}, {GateStatus::Warned, "warned"}, {GateStatus::Failed, "failed"}};

} // namespace

const char *toString(GateStatus status)
{
    return enumName(kGateStatuses, status, "passed");
}

double floorScore(double score)
{
    return std::floor(std::clamp(score, 0.0, 100.0) * 1000.0 + 1e-9) / 1000.0;
}

double oneDecimalScore(double score)
{
    return std::floor(std::clamp(score, 0.0, 100.0) * 10.0 + 1e-6) / 10.0;
}

const TableScore *ScoreCard::table(const std::string &name) const
{
    for (const TableScore &t : tables) {
        if (t.table == name)
            return &t;
    }
    return nullptr;
}

ScoreCard scoreRun(const std::vector<RuleResult> &results, const std::vector<TableFacts> &tables,
                   const QualityOptions &options)
{
    const Gates &gates = options.gates;
    ScoreCard card;
    card.run = emptyDimensions();
    double overallSum = 0;
    qint64 overallRows = 0;
    qint64 runRows = 0;
    for (const TableFacts &facts : tables) {
        TableScore t;
        t.table = facts.table;
        t.rows = facts.rows;
        t.dimensions = emptyDimensions();
        for (const ColumnNulls &c : facts.columns) {
            if (!facts.counted(c)) {
                t.unprovided.push_back(c.column);
                continue;
            }
            t.cells += facts.checkedRows;
            t.nullCells += c.nulls;
        }
        t.mode = gates.modeFor(t.table);
        for (const RuleResult &r : results) {
            if (r.table != t.table || r.severity == Severity::Info)
                continue;
            DimensionScore &d = t.dimensions[indexOf(r.dimension)];
            d.checked += r.checked;
            d.failed += r.failed;
            DimensionScore &run = card.run[indexOf(r.dimension)];
            run.checked += r.checked;
            run.failed += r.failed;
            const Rule *rule = findRule(r.ruleId);
            if (rule && rule->check == Check::Unique)
                t.duplicateRows += r.failed;
        }
        for (Dimension dim : kDimensions) {
            t.dimensions[indexOf(dim)].lost = facts.lost[indexOf(dim)];
            card.run[indexOf(dim)].lost += facts.lost[indexOf(dim)];
        }
        runRows += facts.rows;
        finishScores(t.dimensions);
        capByLostRows(t.dimensions, facts.rows);
        t.overall = weightedOverall(t.dimensions, options.weights);
        t.overallThreshold = gates.overallFor(t.table);
        if (t.rows == 0) {
            card.tables.push_back(t); // nothing to gate
            continue;
        }
        const GateMode mode = t.mode;
        if (t.overall) {
            const GateCheck g =
                gate(t.table, "overall", *t.overall, t.overallThreshold, true, mode,
                     "overall score " + number(*t.overall) + " is below its gate of " + number(t.overallThreshold));
            t.overallPassed = g.passed;
            card.gates.push_back(g);
            overallSum += *t.overall * double(t.rows);
            overallRows += t.rows;
        }
        for (DimensionScore &d : t.dimensions) {
            d.threshold = gates.thresholdFor(t.table, d.dimension);
            if (!d.score)
                continue;
            const GateCheck g = gate(t.table, toString(d.dimension), *d.score, d.threshold, true, mode,
                                     std::string(toString(d.dimension)) + " " + number(*d.score) +
                                         " is below its gate of " + number(d.threshold));
            d.passed = g.passed;
            card.gates.push_back(g);
        }
        if (t.cells > 0) {
            const double percent = 100.0 * double(t.nullCells) / double(t.cells);
            const double max = gates.maxNullPercentFor(t.table);
            card.gates.push_back(
                gate(t.table, "null_percent", percent, max, false, mode,
                     number(percent) + " % of its cells are empty, more than the " + number(max) + " % allowed"));
        }
        const double duplicates = 100.0 * double(t.duplicateRows) / double(t.rows);
        const double maxDuplicates = gates.maxDuplicatePercentFor(t.table);
        card.gates.push_back(gate(t.table, "duplicate_percent", duplicates, maxDuplicates, false, mode,
                                  number(duplicates) + " % of its rows are duplicates, more than the " +
                                      number(maxDuplicates) + " % allowed"));
        card.tables.push_back(t);
    }
    finishScores(card.run);
    capByLostRows(card.run, runRows);
    for (DimensionScore &d : card.run)
        d.threshold = gates.dimensions[indexOf(d.dimension)];
    if (overallRows > 0)
        card.overall = floorScore(overallSum / double(overallRows));

    // Failing gates in "fail" mode first, then warnings.
    for (GateMode pass : {GateMode::Fail, GateMode::Warn}) {
        for (const GateCheck &g : card.gates) {
            if (g.passed || g.mode != pass)
                continue;
            card.messages.push_back(g.message);
            if (g.mode == GateMode::Fail)
                card.status = GateStatus::Failed;
            else if (card.status == GateStatus::Passed)
                card.status = GateStatus::Warned;
        }
    }
    return card;
}

} // namespace ecomops::quality
