#include "quality/SetRules.h"

#include <cstdio>

namespace ecomops::quality::sql {
namespace {

// Catalogue names are plain lower-case identifiers; quoting keeps them so.
std::string ident(const std::string &name)
{
    return "\"" + name + "\"";
}

std::string literal(const std::string &text)
{
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += '\'';
        out += c;
    }
    return out + "'";
}

std::string trimmed(const std::string &alias, const std::string &column)
{
    return "btrim(" + alias + "." + ident(column) + ")";
}

std::string given(const std::string &alias, const std::string &column)
{
    return "nullif(" + trimmed(alias, column) + ", '') IS NOT NULL";
}

// A failure's words, built only for the rows that fail (`ok` false): most
// rows pass, and building and materialising a reason for each of them cost
// more than the check itself.
std::string ifFailed(const std::string &ok, const std::string &expression)
{
    return "CASE WHEN NOT (" + ok + ") THEN " + expression + " END";
}

// Rows of `table` (in its view) that no rule has rejected so far.
std::string notRejected(const std::string &table, const std::string &alias)
{
    return "NOT " + alias +
           ".at_load AND NOT EXISTS (SELECT 1 FROM pg_temp.dq_fail f WHERE f.table_name = " + literal(table) +
           " AND f.source_line = " + alias + ".source_line AND f.rejects)";
}

// The keys a reference may resolve to: the referenced table's rows in the run
// (all of them, or only those not rejected) and, when it exists, the
// warehouse's table.
std::string keySet(const Rule &rule, const std::set<std::string> &warehouse, bool acceptedOnly)
{
    std::string sql = "SELECT " + trimmed("p", rule.refKey) + " AS k FROM " + viewName(rule.refTable) + " p";
    if (acceptedOnly)
        sql += " WHERE " + notRejected(rule.refTable, "p");
    if (!rule.warehouseTable.empty() && warehouse.count(rule.warehouseTable))
        sql += " UNION SELECT w." + ident(rule.warehouseKey) + " FROM " + rule.warehouseTable + " w";
    return sql;
}

// Later copies of a key fail; only for keys that occur more than once are the
// records compared (an exact copy or different values), so the common case
// costs one window over the keys.
std::string uniqueSelect(const Rule &rule, const staging::TableSpec &table)
{
    std::string partition, nonEmpty, keys, label, record;
    int i = 0;
    for (const std::string &k : rule.columns) {
        const std::string name = "k" + std::to_string(i++);
        partition += (partition.empty() ? "" : ", ") + trimmed("s", k);
        nonEmpty += (nonEmpty.empty() ? "" : " AND ") + given("s", k);
        keys += ", " + trimmed("s", k) + " AS " + name;
        label += std::string(label.empty() ? "" : " || ', ' || ") + literal(k + " ") + " || d." + name;
    }
    for (const staging::Column &c : table.columns)
        record += (record.empty() ? "" : ", ") + std::string("v.") + ident(c.name);
    return "WITH d AS MATERIALIZED (SELECT s.source_line, s.at_load" + keys +
           ", first_value(s.source_line) OVER w AS first_line, count(*) OVER w AS n FROM " + viewName(rule.table) +
           " s WHERE " + nonEmpty + " WINDOW w AS (PARTITION BY " + partition +
           " ORDER BY s.source_line)), "
           "r AS (SELECT v.source_line, ROW(" +
           record + ")::text AS rec FROM " + viewName(rule.table) +
           " v JOIN (SELECT x.source_line FROM d x WHERE x.n > 1) x ON x.source_line = v.source_line) "
           "SELECT d.source_line, d.at_load, d.first_line = d.source_line AS ok, CASE WHEN d.first_line <> "
           "d.source_line "
           "THEN CASE WHEN a.rec = b.rec THEN 'duplicate of line ' || d.first_line ELSE 'same key as line ' || "
           "d.first_line || ' with different values' END || ' (' || " +
           label +
           " || ')' END AS reason, "
           "CASE WHEN d.first_line <> d.source_line THEN " +
           label +
           " END AS value "
           "FROM d LEFT JOIN r a ON a.source_line = d.source_line LEFT JOIN r b ON b.source_line = d.first_line";
}

std::string referenceSelect(const Rule &rule, const std::set<std::string> &warehouse)
{
    const std::string column = rule.columns.front();
    std::string where = rule.refTable + " of this run";
    if (!rule.warehouseTable.empty())
        where += " nor in " + rule.warehouseTable;
    const std::string ok = "k.k IS NOT NULL";
    return "SELECT c.source_line, c.at_load, " + ok + " AS ok, " +
           ifFailed(ok,
                    literal(column + " ") + " || " + trimmed("c", column) + " || " + literal(" is not in " + where)) +
           " AS reason, " + ifFailed(ok, trimmed("c", column)) + " AS value FROM " + viewName(rule.table) +
           " c LEFT JOIN (" + keySet(rule, warehouse, false) + ") k ON k.k = " + trimmed("c", column) + " WHERE " +
           given("c", column);
}

std::string parentAcceptedSelect(const Rule &rule, const std::set<std::string> &warehouse)
{
    const std::string column = rule.columns.front();
    const std::string ok = "a.k IS NOT NULL";
    return "SELECT c.source_line, c.at_load, " + ok + " AS ok, " +
           ifFailed(ok, literal(column + " ") + " || " + trimmed("c", column) + " || " +
                            literal(" names a row of " + rule.refTable +
                                    " that this run rejected; the transform will set this row "
                                    "aside if it cannot resolve it")) +
           " AS reason, " + ifFailed(ok, trimmed("c", column)) + " AS value FROM " + viewName(rule.table) +
           " c JOIN (SELECT DISTINCT " + trimmed("p", rule.refKey) + " AS k FROM " + viewName(rule.refTable) +
           " p) known ON known.k = " + trimmed("c", column) + " LEFT JOIN (" + keySet(rule, warehouse, true) +
           ") a ON a.k = " + trimmed("c", column) + " WHERE " + notRejected(rule.table, "c");
}

// Values are parsed once per row (a MATERIALIZED CTE), not once per use.
std::string subtotalSelect(const Rule &rule)
{
    const staging::TableSpec *lines = staging::findTable(rule.refTable);
    if (!lines)
        return {};
    std::string lineKey;
    for (const std::string &k : lines->businessKey)
        lineKey += (lineKey.empty() ? "" : ", ") + trimmed("x", k);
    const std::string subtotal = rule.columns.at(0), key = rule.columns.at(1);
    return "WITH o AS MATERIALIZED (SELECT o.source_line, o.at_load, " + trimmed("o", key) + " AS k, " +
           trimmed("o", subtotal) + " AS raw, ops.dq_money(o." + ident(subtotal) + ") AS subtotal FROM " +
           viewName(rule.table) +
           " o), l AS (SELECT d.k, count(*) AS lines, sum(d.total) AS total, "
           "bool_and(d.total IS NOT NULL) AS complete FROM (SELECT DISTINCT ON (" +
           lineKey + ") " + trimmed("x", rule.refKey) + " AS k, ops.dq_money(x." + ident(rule.refColumn) +
           ") AS total FROM " + viewName(rule.refTable) + " x ORDER BY " + lineKey +
           ", x.source_line) d GROUP BY d.k) "
           "SELECT o.source_line, o.at_load, l.total = o.subtotal AS ok, " +
           ifFailed("l.total = o.subtotal",
                    literal(subtotal + " ") +
                        " || o.raw || ' is not the sum of its ' || l.lines || ' lines, ' || l.total") +
           " AS reason, " + ifFailed("l.total = o.subtotal", "o.raw") +
           " AS value FROM o JOIN l ON l.k = o.k WHERE o.subtotal IS NOT NULL AND l.complete";
}

std::string notBeforeParentSelect(const Rule &rule)
{
    const std::string column = rule.columns.at(0), key = rule.columns.at(1);
    return "WITH c AS MATERIALIZED (SELECT c.source_line, c.at_load, " + trimmed("c", key) + " AS k, " +
           trimmed("c", column) + " AS raw, ops.dq_timestamp(c." + ident(column) + ") AS v FROM " +
           viewName(rule.table) + " c), p AS (SELECT " + trimmed("p", rule.refKey) + " AS k, min(ops.dq_timestamp(p." +
           ident(rule.refColumn) + ")) AS ts FROM " + viewName(rule.refTable) + " p WHERE " +
           notRejected(rule.refTable, "p") + " GROUP BY 1) SELECT c.source_line, c.at_load, c.v >= p.ts AS ok, " +
           ifFailed("c.v >= p.ts", literal(column + " ") + " || c.raw || " +
                                       literal(" is before " + rule.refTable + "." + rule.refColumn + " ") +
                                       " || p.ts") +
           " AS reason, " + ifFailed("c.v >= p.ts", "c.raw") +
           " AS value FROM c JOIN p ON p.k = c.k WHERE c.v IS NOT NULL AND p.ts IS NOT NULL";
}

std::string priceInRangeSelect(const Rule &rule, const RuleSettings &settings, const std::set<std::string> &warehouse)
{
    const std::string price = rule.columns.at(0), product = rule.columns.at(1);
    char tolerance[32];
    std::snprintf(tolerance, sizeof tolerance, "%.6f", settings.priceTolerancePercent / 100.0);
    const std::string ok = "c.v BETWEEN r.lo * (1 - " + std::string(tolerance) + ") AND r.hi * (1 + " + tolerance + ")";
    std::string known = "SELECT " + trimmed("x", rule.refKey) + " AS k, ops.dq_money(x." + ident(rule.refColumn) +
                        ") AS p FROM " + viewName(rule.refTable) + " x";
    if (!rule.warehouseTable.empty() && warehouse.count(rule.warehouseTable))
        known += " UNION ALL SELECT w." + ident(rule.warehouseKey) + ", w." + ident(rule.warehouseValue) + " FROM " +
                 rule.warehouseTable + " w";
    return "WITH c AS MATERIALIZED (SELECT c.source_line, c.at_load, " + trimmed("c", product) + " AS k, " +
           trimmed("c", price) + " AS raw, ops.dq_money(c." + ident(price) + ") AS v FROM " + viewName(rule.table) +
           " c), r AS (SELECT y.k, min(y.p) AS lo, max(y.p) AS hi FROM (" + known +
           ") y WHERE y.p > 0 GROUP BY y.k) SELECT c.source_line, c.at_load, " + ok + " AS ok, " +
           ifFailed(ok,
                    literal(price + " ") +
                        " || c.raw || ' is outside the known prices of ' || c.k || ', ' || r.lo || ' to ' || r.hi") +
           " AS reason, " + ifFailed(ok, "c.raw") + " AS value FROM c JOIN r ON r.k = c.k WHERE c.v > 0";
}

} // namespace

std::string viewName(const std::string &table)
{
    return "pg_temp." + ident("dq_" + table);
}

std::string viewSql(const staging::TableSpec &table, qint64 runId)
{
    std::string staged, loaded;
    int i = 1;
    for (const staging::Column &c : table.columns) {
        staged += ", s." + ident(c.name);
        loaded += ", r.fields[" + std::to_string(i++) + "]";
    }
    return "CREATE TEMP VIEW " + ident("dq_" + table.name) + " AS SELECT s.source_line, false AS at_load" + staged +
           " FROM staging." + ident(table.name) + " s WHERE s.run_id = " + std::to_string(runId) +
           " UNION ALL SELECT r.source_line, true" + loaded +
           " FROM pg_temp.dq_loaded r WHERE r.table_name = " + literal(table.name);
}

std::string recordExpression(const staging::TableSpec &table, const std::string &alias)
{
    std::string out;
    for (const staging::Column &c : table.columns) {
        const std::string v = alias + "." + ident(c.name);
        if (!out.empty())
            out += " || ',' || ";
        out += "CASE WHEN " + v + " IS NULL THEN '' WHEN " + v + " = '' OR " + v + " ~ '[\",\\r\\n]' OR " + v +
               " <> btrim(" + v + ") THEN '\"' || replace(" + v + ", '\"', '\"\"') || '\"' ELSE " + v + " END";
    }
    return out;
}

std::string ruleSelect(const Rule &rule, const RuleSettings &settings, const std::set<std::string> &warehouse)
{
    const staging::TableSpec *table = staging::findTable(rule.table);
    if (!table)
        return {};
    for (const std::string &c : rule.columns) {
        if (table->columnIndex(c) < 0)
            return {};
    }
    for (const std::string &c : {rule.refKey, rule.refColumn}) {
        const staging::TableSpec *ref = staging::findTable(rule.refTable);
        if (!c.empty() && (!ref || ref->columnIndex(c) < 0))
            return {};
    }
    switch (rule.check) {
    case Check::Unique:
        return uniqueSelect(rule, *table);
    case Check::Reference:
        return referenceSelect(rule, warehouse);
    case Check::ParentAccepted:
        return parentAcceptedSelect(rule, warehouse);
    case Check::SubtotalMatchesLines:
        return subtotalSelect(rule);
    case Check::NotBeforeParent:
        return notBeforeParentSelect(rule);
    case Check::PriceInRange:
        return priceInRangeSelect(rule, settings, warehouse);
    default:
        return {};
    }
}

std::string countAndKeepFailures(const std::string &select)
{
    return "WITH c AS MATERIALIZED (" + select +
           "), f AS (INSERT INTO pg_temp.dq_fail (table_name, source_line, rule_id, reason, value, at_load, rejects) "
           "SELECT $1, c.source_line, $2, coalesce(c.reason, 'failed'), left(c.value, 200), c.at_load, $3 FROM c WHERE "
           "NOT c.ok "
           "RETURNING 1) SELECT (SELECT count(*) FROM c WHERE c.ok IS NOT NULL), (SELECT count(*) FROM f)";
}

} // namespace ecomops::quality::sql
