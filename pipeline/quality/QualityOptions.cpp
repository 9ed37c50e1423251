#include "quality/QualityOptions.h"

#include "quality/RuleCatalog.h"
#include "staging/Catalog.h"

#include <nlohmann/json.hpp>

#include <functional>

namespace ecomops::quality {

using nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string &path, const std::string &what)
{
    throw QualityOptionsError("gates: " + path + " " + what);
}

// Reads one object key by key and refuses keys it was not asked about.
class Reader
{
public:
    Reader(const json &object, std::string path) : m_object(object), m_path(std::move(path))
    {
        if (!object.is_object())
            fail(m_path.empty() ? "section" : m_path, "must be a JSON object");
    }

    const json *take(const char *key)
    {
        m_known.insert(key);
        const auto it = m_object.find(key);
        return it == m_object.end() ? nullptr : &*it;
    }
    std::string path(const std::string &key) const { return m_path.empty() ? key : m_path + "." + key; }

    std::optional<double> percent(const char *key)
    {
        const json *v = take(key);
        if (!v)
            return std::nullopt;
        if (!v->is_number() || v->get<double>() < 0 || v->get<double>() > 100)
            fail(path(key), "must be a number from 0 to 100");
        return v->get<double>();
    }
    std::optional<double> nonNegative(const char *key)
    {
        const json *v = take(key);
        if (!v)
            return std::nullopt;
        if (!v->is_number() || v->get<double>() < 0)
            fail(path(key), "must be a number of 0 or more");
        return v->get<double>();
    }
    std::optional<GateMode> mode(const char *key)
    {
        const json *v = take(key);
        if (!v)
            return std::nullopt;
        if (*v == "fail")
            return GateMode::Fail;
        if (*v == "warn")
            return GateMode::Warn;
        fail(path(key), "must be \"fail\" or \"warn\"");
    }
    void finish() const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!m_known.count(it.key()))
                fail(path(it.key()), "is not a known setting");
        }
    }

private:
    const json &m_object;
    std::string m_path;
    std::set<std::string> m_known;
};

void readDimensions(Reader &parent, const char *key, const std::function<void(Dimension, double)> &set)
{
    const json *v = parent.take(key);
    if (!v)
        return;
    Reader r(*v, parent.path(key));
    for (Dimension d : kDimensions) {
        if (const auto value = r.percent(toString(d)))
            set(d, *value);
    }
    r.finish();
}

const Rule &knownRule(const std::string &path, const std::string &id)
{
    const Rule *rule = findRule(id);
    if (!rule)
        fail(path, "names an unknown rule \"" + id + "\"");
    return *rule;
}

std::vector<std::string> stringList(const json &v, const std::string &path)
{
    if (!v.is_array())
        fail(path, "must be a list of strings");
    std::vector<std::string> out;
    for (const json &item : v) {
        if (!item.is_string())
            fail(path, "must be a list of strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

void readRules(const json &object, RuleSettings &rules)
{
    Reader r(object, "rules");
    if (const auto v = r.nonNegative("future_tolerance_hours"))
        rules.futureToleranceHours = *v;
    if (const json *v = r.take("window_days")) {
        if (!v->is_number_integer() || v->get<int>() < 0)
            fail("rules.window_days", "must be a whole number of 0 or more");
        rules.windowDays = v->get<int>();
    }
    if (const auto v = r.nonNegative("max_snapshot_age_days"))
        rules.maxSnapshotAgeDays = *v;
    if (const json *v = r.take("cancellation_prefix")) {
        if (!v->is_string())
            fail("rules.cancellation_prefix", "must be a string (empty: no cancellations)");
        rules.cancellationPrefix = v->get<std::string>();
    }
    if (const auto v = r.nonNegative("price_tolerance_percent"))
        rules.priceTolerancePercent = *v;
    if (const json *v = r.take("domains")) {
        Reader domains(*v, "rules.domains");
        for (auto it = v->begin(); it != v->end(); ++it) {
            const std::string path = "rules.domains." + it.key();
            if (knownRule(path, it.key()).check != Check::InSet)
                fail(path, "is not a rule that checks a list of values");
            rules.domains[it.key()] = stringList(*domains.take(it.key().c_str()), path);
        }
    }
    if (const json *v = r.take("disabled")) {
        for (const std::string &id : stringList(*v, "rules.disabled")) {
            knownRule("rules.disabled", id);
            rules.disabled.insert(id);
        }
    }
    if (const json *v = r.take("severity")) {
        Reader severities(*v, "rules.severity");
        for (auto it = v->begin(); it != v->end(); ++it) {
            const std::string path = "rules.severity." + it.key();
            knownRule(path, it.key());
            const json &s = *severities.take(it.key().c_str());
            const auto severity = s.is_string() ? severityFromString(s.get<std::string>()) : std::nullopt;
            if (!severity)
                fail(path, "must be \"reject\", \"count\" or \"info\"");
            rules.severities[it.key()] = *severity;
        }
    }
    r.finish();
}

json dimensionsJson(const std::array<double, 8> &values)
{
    json out = json::object();
    for (Dimension d : kDimensions)
        out[toString(d)] = values[indexOf(d)];
    return out;
}

} // namespace

const char *toString(GateMode mode)
{
    return mode == GateMode::Warn ? "warn" : "fail";
}

GateMode Gates::modeFor(const std::string &table) const
{
    const auto it = tables.find(table);
    return it != tables.end() && it->second.mode ? *it->second.mode : mode;
}

double Gates::overallFor(const std::string &table) const
{
    const auto it = tables.find(table);
    return it != tables.end() && it->second.overall ? *it->second.overall : overall;
}

double Gates::thresholdFor(const std::string &table, Dimension dimension) const
{
    const auto it = tables.find(table);
    if (it != tables.end()) {
        const auto d = it->second.dimensions.find(dimension);
        if (d != it->second.dimensions.end())
            return d->second;
    }
    return dimensions[indexOf(dimension)];
}

double Gates::maxNullPercentFor(const std::string &table) const
{
    const auto it = tables.find(table);
    return it != tables.end() && it->second.maxNullPercent ? *it->second.maxNullPercent : maxNullPercent;
}

double Gates::maxDuplicatePercentFor(const std::string &table) const
{
    const auto it = tables.find(table);
    return it != tables.end() && it->second.maxDuplicatePercent ? *it->second.maxDuplicatePercent : maxDuplicatePercent;
}

json QualityOptions::toJson() const
{
    json tables = json::object();
    for (const auto &[name, t] : gates.tables) {
        json o = json::object();
        if (t.mode)
            o["mode"] = toString(*t.mode);
        if (t.overall)
            o["overall"] = *t.overall;
        if (!t.dimensions.empty()) {
            json d = json::object();
            for (const auto &[dimension, value] : t.dimensions)
                d[toString(dimension)] = value;
            o["dimensions"] = d;
        }
        if (t.maxNullPercent)
            o["max_null_percent"] = *t.maxNullPercent;
        if (t.maxDuplicatePercent)
            o["max_duplicate_percent"] = *t.maxDuplicatePercent;
        tables[name] = o;
    }
    json domains = json::object();
    for (const auto &[id, values] : rules.domains)
        domains[id] = values;
    json severities = json::object();
    for (const auto &[id, severity] : rules.severities)
        severities[id] = toString(severity);
    return {{"enabled", enabled},
            {"mode", toString(gates.mode)},
            {"overall", gates.overall},
            {"dimensions", dimensionsJson(gates.dimensions)},
            {"max_null_percent", gates.maxNullPercent},
            {"max_duplicate_percent", gates.maxDuplicatePercent},
            {"tables", tables},
            {"weights", dimensionsJson(weights)},
            {"rules",
             {{"future_tolerance_hours", rules.futureToleranceHours},
              {"window_days", rules.windowDays},
              {"max_snapshot_age_days", rules.maxSnapshotAgeDays},
              {"cancellation_prefix", rules.cancellationPrefix},
              {"price_tolerance_percent", rules.priceTolerancePercent},
              {"domains", domains},
              {"disabled", std::vector<std::string>(rules.disabled.begin(), rules.disabled.end())},
              {"severity", severities}}}};
}

QualityOptions QualityOptions::fromJson(const json &object)
{
    QualityOptions o;
    if (object.is_null())
        return o;
    Reader r(object, "");
    if (const json *v = r.take("enabled")) {
        if (!v->is_boolean())
            fail("enabled", "must be true or false");
        o.enabled = v->get<bool>();
    }
    if (const auto v = r.mode("mode"))
        o.gates.mode = *v;
    if (const auto v = r.percent("overall"))
        o.gates.overall = *v;
    readDimensions(r, "dimensions", [&](Dimension d, double v) { o.gates.dimensions[indexOf(d)] = v; });
    if (const auto v = r.percent("max_null_percent"))
        o.gates.maxNullPercent = *v;
    if (const auto v = r.percent("max_duplicate_percent"))
        o.gates.maxDuplicatePercent = *v;
    if (const json *v = r.take("tables")) {
        Reader tables(*v, "tables");
        for (auto it = v->begin(); it != v->end(); ++it) {
            if (!staging::findTable(it.key()))
                fail("tables." + it.key(), "is not a staged table");
            Reader t(*tables.take(it.key().c_str()), "tables." + it.key());
            TableGate gate;
            gate.mode = t.mode("mode");
            gate.overall = t.percent("overall");
            readDimensions(t, "dimensions", [&](Dimension d, double value) { gate.dimensions[d] = value; });
            gate.maxNullPercent = t.percent("max_null_percent");
            gate.maxDuplicatePercent = t.percent("max_duplicate_percent");
            t.finish();
            o.gates.tables[it.key()] = gate;
        }
        tables.finish();
    }
    if (const json *v = r.take("weights")) {
        Reader w(*v, "weights");
        for (Dimension d : kDimensions) {
            if (const auto value = w.nonNegative(toString(d)))
                o.weights[indexOf(d)] = *value;
        }
        w.finish();
    }
    if (const json *v = r.take("rules"))
        readRules(*v, o.rules);
    r.finish();
    return o;
}

} // namespace ecomops::quality
