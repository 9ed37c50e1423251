#include "quality/Validation.h"

#include "core/Cancellation.h"
#include "csv/Reader.h"
#include "quality/SetRules.h"
#include "staging/Catalog.h"

#include <nlohmann/json.hpp>

namespace ecomops::quality {

using nlohmann::json;

namespace {

constexpr std::size_t kBatchRows = 5000;
constexpr long kCursorRows = 10000;

// A staged row as one CSV line, for the examples of a table checked here
// rather than in the loader.
void appendCsvField(std::string &out, std::string_view value, bool isNull)
{
    if (isNull)
        return;
    const bool quote = value.empty() || value.find_first_of(",\"\r\n") != std::string_view::npos ||
                       value.front() == ' ' || value.back() == ' ';
    if (!quote) {
        out.append(value);
        return;
    }
    out += '"';
    for (char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

// Rows for one INSERT … FROM jsonb_to_recordset($1::jsonb), sent a batch at a time.
class JsonBatches
{
public:
    JsonBatches(pqxx::work &tx, std::string sql) : m_tx(tx), m_sql(std::move(sql)) {}
    void add(json row)
    {
        m_rows.push_back(std::move(row));
        if (m_rows.size() >= kBatchRows)
            flush();
    }
    void flush()
    {
        if (m_rows.empty())
            return;
        m_tx.exec_params0(m_sql, m_rows.dump());
        m_rows = json::array();
    }

private:
    pqxx::work &m_tx;
    std::string m_sql;
    json m_rows = json::array();
};

} // namespace

// The rows the loader quarantined for row rules, parsed back into their
// fields: set rules see them too (a rejected row is still a copy of a
// key, still the parent its children name).
void QualityStage::Validation::collectLoadRejects()
{
    const pqxx::result rows = m_tx.exec_params(
        "SELECT table_name, source_line, raw_record FROM quarantine.rejected_row WHERE run_id = $1 "
        "AND stage = 'load' AND NOT (rule_ids && ARRAY['csv.well_formed', 'csv.utf8']) ORDER BY table_name, "
        "source_line",
        runId());
    JsonBatches batches(m_tx, "INSERT INTO pg_temp.dq_loaded SELECT x.t, x.l, ARRAY(SELECT e FROM "
                              "jsonb_array_elements_text(x.f) WITH ORDINALITY AS a(e, i) ORDER BY a.i) "
                              "FROM jsonb_to_recordset($1::jsonb) AS x(t text, l bigint, f jsonb)");
    for (const auto &row : rows) {
        const std::string table = row[0].as<std::string>();
        const RowRules *rules = m_stage.rowRules(table);
        const csv::ParsedRecord parsed = csv::parseRecord(row[2].as<std::string>());
        if (!rules || !parsed.ok)
            continue;
        std::vector<bool> nulls(parsed.fields.size());
        for (std::size_t i = 0; i < parsed.fields.size(); ++i)
            nulls[i] = parsed.isNull(i);
        // In the table's column order, whatever the file's was.
        const auto values = rules->columnValues(parsed.fields, nulls);
        if (!values)
            continue;
        json fields = json::array();
        for (const auto &v : *values)
            fields.push_back(v ? json(*v) : json(nullptr));
        batches.add({{"t", table}, {"l", row[1].as<qint64>()}, {"f", fields}});
        ++m_atLoad[table];
    }
    batches.flush();
}

// Tables whose loader used this stage's checker were checked in the
// streaming pass; any other is checked here, row by row.
void QualityStage::Validation::runRowRules()
{
    for (const staging::TableSpec &t : staging::catalog()) {
        RowRules *rules = m_stage.rowRules(t.name);
        const qint64 expected = m_staged[t.name] + m_atLoad[t.name];
        if (!rules || rules->rowsChecked() == expected)
            continue;
        if (rules->rowsChecked() > 0)
            qCWarning(lcQuality) << t.name.c_str() << ": the row rules saw" << rules->rowsChecked() << "rows of"
                                 << expected << "; checking them again";
        checkCancel();
        recheckRows(t, *rules);
    }
}

void QualityStage::Validation::recheckRows(const staging::TableSpec &table, RowRules &rules)
{
    rules.reset();
    const std::vector<std::string> header = rules.header();
    rules.setHeader({}); // the view's columns are in the table's order
    struct Reject {
        qint64 line;
        std::string rule;
        std::string reason;
    };
    std::vector<Reject> rejects;
    std::vector<load::RowFailure> failures;
    csv::Record record;
    std::string raw;
    pqxx::icursorstream cursor(m_tx, "SELECT * FROM " + sql::viewName(table.name) + " ORDER BY source_line", "dq_rows",
                               kCursorRows);
    pqxx::result batch;
    while (cursor >> batch) {
        checkCancel();
        for (const auto &row : batch) {
            record.fields.clear();
            record.quoted.clear();
            raw.clear();
            for (pqxx::row::size_type i = 2; i < row.size(); ++i) {
                const bool isNull = row[i].is_null();
                const std::string_view value(row[i].c_str(), isNull ? 0 : row[i].size());
                record.fields.push_back(value);
                record.quoted.push_back(isNull ? 0 : 1);
                if (i > 2)
                    raw += ',';
                appendCsvField(raw, value, isNull);
            }
            record.line = row[0].as<std::uint64_t>();
            record.raw = raw;
            failures.clear();
            rules.check(record, failures);
            if (row[1].as<bool>())
                continue; // already quarantined by the loader, with these reasons
            for (const load::RowFailure &f : failures) {
                if (f.rejects)
                    rejects.push_back({qint64(record.line), f.ruleId, f.reason});
            }
        }
    }
    rules.setHeader(header);
    JsonBatches batches(m_tx, "INSERT INTO pg_temp.dq_fail (table_name, source_line, rule_id, reason, at_load, "
                              "rejects, row_rule) SELECT x.t, x.l, x.r, x.m, false, true, true FROM "
                              "jsonb_to_recordset($1::jsonb) AS x(t text, l bigint, r text, m text) ORDER BY x.l");
    for (const Reject &r : rejects)
        batches.add({{"t", table.name}, {"l", r.line}, {"r", r.rule}, {"m", r.reason}});
    batches.flush();
}

} // namespace ecomops::quality
