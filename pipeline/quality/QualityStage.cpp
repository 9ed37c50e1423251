#include "quality/QualityStage.h"

#include "core/Cancellation.h"
#include "csv/Reader.h"
#include "quality/RowsSetAside.h"
#include "quality/SetRules.h"
#include "staging/Catalog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <algorithm>
#include <set>

Q_LOGGING_CATEGORY(lcQuality, "ecomops.pipeline.quality")

namespace ecomops::quality {

using nlohmann::json;

namespace {

constexpr std::size_t kBatchRows = 5000;
constexpr long kCursorRows = 10000;

std::string oneLine(const std::string &text)
{
    std::string out = text;
    std::replace(out.begin(), out.end(), '\n', ' ');
    return out;
}

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

QString QualityReport::gateStatus() const
{
    return enabled ? QString::fromLatin1(toString(scores.status)) : QString();
}

QStringList QualityReport::gateMessages() const
{
    QStringList out;
    for (const std::string &m : scores.messages)
        out << QString::fromStdString(m);
    return out;
}

// One validate stage in its transaction.
class QualityStage::Validation
{
public:
    Validation(QualityStage &stage, pqxx::work &tx, StageObserver &observer)
        : m_stage(stage), m_tx(tx), m_observer(observer), m_run(std::to_string(stage.m_runId))
    {
    }

    QualityReport run()
    {
        countRows();
        m_report.enabled = m_stage.m_options.enabled;
        if (!m_report.enabled) {
            for (const staging::TableSpec &t : staging::catalog())
                m_report.counts.push_back(counts(t.name, 0));
            return std::move(m_report);
        }
        const std::pair<const char *, void (Validation::*)()> steps[] = {
            {"catalogue", &Validation::publish},
            {"clear earlier results", &Validation::clearEarlierResults},
            {"find warehouse tables", &Validation::findWarehouseTables},
            {"work tables", &Validation::createWorkTables},
            {"rows the loader rejected", &Validation::collectLoadRejects},
            {"views", &Validation::createViews},
            {"row rules", &Validation::runRowRules},
            {"set rules", &Validation::runSetRules},
            {"set rule examples", &Validation::setRuleExamples},
            {"load rules", &Validation::loadRuleResults},
            {"snapshot rule", &Validation::snapshotResults},
            {"quarantine", &Validation::writeQuarantine},
            {"scores", &Validation::score},
            {"persist", &Validation::persist},
            {"drop views", &Validation::dropViews},
        };
        for (const auto &[name, step] : steps) {
            QElapsedTimer timer;
            timer.start();
            (this->*step)();
            qCDebug(lcQuality) << "validate:" << name << timer.elapsed() << "ms";
        }
        return std::move(m_report);
    }

private:
    void checkCancel() const
    {
        if (m_observer.cancelRequested())
            throw CancelledError();
    }

    qint64 runId() const { return m_stage.m_runId; }
    void publish() { publishCatalogue(m_tx); }

    TableCounts counts(const std::string &table, qint64 quarantined)
    {
        TableCounts c;
        c.stage = QStringLiteral("validate");
        c.table = QString::fromStdString(table);
        c.read = m_staged[table];
        c.quarantined = quarantined;
        c.loaded = c.read - quarantined;
        return c;
    }

    void countRows()
    {
        for (const staging::TableSpec &t : staging::catalog()) {
            checkCancel();
            m_staged[t.name] =
                m_tx.exec1("SELECT count(*) FROM staging." + m_tx.quote_name(t.name) + " WHERE run_id = " + m_run)[0]
                    .as<qint64>();
        }
        for (const auto &row : m_tx.exec_params("SELECT table_name, count(*) FROM quarantine.rejected_row "
                                                "WHERE run_id = $1 AND stage = 'load' GROUP BY table_name",
                                                runId()))
            m_loadQuarantined[row[0].as<std::string>()] = row[1].as<qint64>();
    }

    void clearEarlierResults()
    {
        // The owner's function (0065): the operator has no DELETE on results.
        m_tx.exec_params("SELECT ops.discard_run_rows($1, 'validate')", runId());
    }

    void findWarehouseTables()
    {
        std::set<std::string> wanted;
        for (const Rule &r : ruleCatalog()) {
            if (!r.warehouseTable.empty())
                wanted.insert(r.warehouseTable);
        }
        for (const std::string &name : wanted) {
            if (!m_tx.exec_params1("SELECT to_regclass($1) IS NOT NULL", name)[0].as<bool>())
                qCInfo(lcQuality) << "no" << name.c_str() << "yet: references resolve within the run only";
            else
                m_warehouse.insert(name);
        }
    }

    void createWorkTables()
    {
        dropViews();
        m_tx.exec0("DROP TABLE IF EXISTS pg_temp.dq_loaded, pg_temp.dq_fail");
        m_tx.exec0("CREATE TEMP TABLE dq_loaded (table_name text NOT NULL, source_line bigint NOT NULL, "
                   "fields text[] NOT NULL) ON COMMIT DROP");
        m_tx.exec0("CREATE TEMP TABLE dq_fail (seq bigserial, table_name text NOT NULL, source_line bigint NOT NULL, "
                   "rule_id text NOT NULL, reason text NOT NULL, value text, at_load boolean NOT NULL, "
                   "rejects boolean NOT NULL, row_rule boolean NOT NULL DEFAULT false) ON COMMIT DROP");
    }

    // The rows the loader quarantined for row rules, parsed back into their
    // fields: set rules see them too (a rejected row is still a copy of a
    // key, still the parent its children name).
    void collectLoadRejects()
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

    void createViews()
    {
        for (const staging::TableSpec &t : staging::catalog())
            m_tx.exec0(sql::viewSql(t, runId()));
    }

    void dropViews()
    {
        for (const staging::TableSpec &t : staging::catalog())
            m_tx.exec0("DROP VIEW IF EXISTS " + sql::viewName(t.name));
    }

    // Tables whose loader used this stage's checker were checked in the
    // streaming pass; any other is checked here, row by row.
    void runRowRules()
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

    void recheckRows(const staging::TableSpec &table, RowRules &rules)
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
        pqxx::icursorstream cursor(m_tx, "SELECT * FROM " + sql::viewName(table.name) + " ORDER BY source_line",
                                   "dq_rows", kCursorRows);
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

    void runSetRules()
    {
        // Every set rule reads whole tables of the run: hash joins suit them,
        // and the planner's guesses about the views' keys (btrim of text)
        // must not turn one into a nested loop over both tables.
        m_tx.exec0("SET LOCAL enable_nestloop = off");
        for (const staging::TableSpec &t : staging::catalog()) {
            const QString table = QString::fromStdString(t.name);
            TimeSpan &span = m_report.tableSpans[t.name];
            span.startedUs = TimeSpan::nowUs();
            m_observer.progress(table, 0, m_staged[t.name]);
            std::vector<const Rule *> rules;
            for (const Rule &r : ruleCatalog()) {
                if (r.kind() == RuleKind::Set && r.table == t.name)
                    rules.push_back(&r);
            }
            // A child's parent_accepted rule looks at what the other rules rejected.
            std::stable_partition(rules.begin(), rules.end(),
                                  [](const Rule *r) { return r->check != Check::ParentAccepted; });
            for (const Rule *rule : rules) {
                const std::optional<Severity> severity = effectiveSeverity(*rule, m_stage.m_options.rules);
                if (!severity)
                    continue;
                if (rule->optionalParent && m_staged[rule->refTable] + m_atLoad[rule->refTable] == 0 &&
                    !m_warehouse.count(rule->warehouseTable))
                    continue; // the run does not bring that table: nothing to resolve against
                const std::string select = sql::ruleSelect(*rule, m_stage.m_options.rules, m_warehouse);
                if (select.empty())
                    continue;
                checkCancel();
                QElapsedTimer timer;
                timer.start();
                const pqxx::row r = m_tx.exec_params1(sql::countAndKeepFailures(select), t.name, rule->id,
                                                      *severity == Severity::Reject);
                qCDebug(lcQuality) << rule->id.c_str() << r[0].as<qint64>() << "checked" << r[1].as<qint64>()
                                   << "failed in" << timer.elapsed() << "ms";
                m_setResults.push_back(
                    {rule->id, t.name, rule->dimension, *severity, r[0].as<qint64>(), r[1].as<qint64>(), {}});
            }
            m_observer.progress(table, m_staged[t.name], m_staged[t.name]);
            span.endedUs = TimeSpan::nowUs();
        }
        m_tx.exec0("SET LOCAL enable_nestloop TO DEFAULT");
    }

    void setRuleExamples()
    {
        for (const staging::TableSpec &t : staging::catalog()) {
            checkCancel();
            const pqxx::result rows = m_tx.exec_params(
                "SELECT f.rule_id, f.source_line, coalesce(f.value, ''), f.reason, left(" +
                    sql::recordExpression(t, "v") +
                    ", 200) FROM (SELECT d.*, row_number() OVER (PARTITION BY d.rule_id ORDER BY d.source_line) AS rn "
                    "FROM pg_temp.dq_fail d WHERE d.table_name = $1 AND NOT d.row_rule) f JOIN " +
                    sql::viewName(t.name) +
                    " v ON v.source_line = f.source_line WHERE f.rn <= $2 ORDER BY f.rule_id, f.source_line",
                t.name, RowRules::kMaxExamples);
            for (const auto &row : rows) {
                for (RuleResult &r : m_setResults) {
                    if (r.table == t.name && r.ruleId == row[0].as<std::string>())
                        r.examples.push_back({row[1].as<qint64>(), row[2].as<std::string>(), row[3].as<std::string>(),
                                              row[4].as<std::string>()});
                }
            }
        }
    }

    // Malformed CSV and text that is not UTF-8: the loader's own rules.
    void loadRuleResults()
    {
        const pqxx::result rows = m_tx.exec_params(
            "SELECT table_name, rule_id, n, source_line, reason, record FROM (SELECT q.table_name, u.rule_id, "
            "count(*) OVER w AS n, row_number() OVER (w ORDER BY q.source_line) AS rn, q.source_line, "
            "q.reasons[u.i] AS reason, left(q.raw_record, 200) AS record FROM quarantine.rejected_row q, "
            "unnest(q.rule_ids) WITH ORDINALITY AS u(rule_id, i) WHERE q.run_id = $1 AND q.stage = 'load' AND "
            "u.rule_id IN ('csv.well_formed', 'csv.utf8') WINDOW w AS (PARTITION BY q.table_name, u.rule_id)) x "
            "WHERE rn <= $2 ORDER BY 1, 2, 4",
            runId(), RowRules::kMaxExamples);
        for (const staging::TableSpec &t : staging::catalog()) {
            const qint64 rows_ = m_staged[t.name] + m_loadQuarantined[t.name];
            for (const char *id : {"csv.well_formed", "csv.utf8"}) {
                const Rule *rule = findRule(id);
                const std::optional<Severity> severity = effectiveSeverity(*rule, m_stage.m_options.rules);
                if (!severity || rows_ == 0)
                    continue;
                RuleResult r{id, t.name, rule->dimension, *severity, rows_, 0, {}};
                for (const auto &row : rows) {
                    if (row[0].as<std::string>() != t.name || row[1].as<std::string>() != id)
                        continue;
                    r.failed = row[2].as<qint64>();
                    r.examples.push_back(
                        {row[3].as<qint64>(), std::string(), row[4].as<std::string>(), row[5].as<std::string>()});
                }
                m_loadResults.push_back(std::move(r));
            }
        }
    }

    void snapshotResults()
    {
        const Rule *rule = findRule("snapshot.fresh");
        const std::optional<Severity> severity = effectiveSeverity(*rule, m_stage.m_options.rules);
        if (!severity || !m_stage.m_snapshotCreatedAt.isValid())
            return;
        const double ageDays = double(m_stage.m_snapshotCreatedAt.secsTo(m_stage.m_runTime)) / 86400.0;
        const bool stale = ageDays > m_stage.m_options.rules.maxSnapshotAgeDays;
        for (const staging::TableSpec &t : staging::catalog()) {
            const qint64 rows = m_staged[t.name] + m_loadQuarantined[t.name];
            if (rows == 0)
                continue;
            RuleResult r{rule->id, t.name, rule->dimension, *severity, rows, stale ? rows : 0, {}};
            if (stale)
                r.examples.push_back({0, m_stage.m_snapshotCreatedAt.toString(Qt::ISODate).toStdString(),
                                      "the snapshot was taken " + std::to_string(qint64(ageDays)) +
                                          " days before the run, more than the " +
                                          std::to_string(m_stage.m_options.rules.maxSnapshotAgeDays) + " allowed",
                                      std::string()});
            m_loadResults.push_back(std::move(r));
        }
    }

    void writeQuarantine()
    {
        for (const staging::TableSpec &t : staging::catalog()) {
            checkCancel();
            const pqxx::result inserted = m_tx.exec_params(
                "WITH f AS (SELECT source_line, array_agg(reason ORDER BY seq) AS reasons, array_agg(rule_id ORDER BY "
                "seq) "
                "AS rule_ids FROM pg_temp.dq_fail WHERE table_name = $2 AND rejects AND NOT at_load GROUP BY "
                "source_line) "
                "INSERT INTO quarantine.rejected_row (run_id, table_name, source_line, stage, raw_record, reasons, "
                "rule_ids) "
                "SELECT $1::bigint, $2::text, f.source_line, 'validate', " +
                    sql::recordExpression(t, "s") + ", f.reasons, f.rule_ids FROM f JOIN staging." +
                    m_tx.quote_name(t.name) + " s ON s.run_id = $1::bigint AND s.source_line = f.source_line",
                runId(), t.name);
            const qint64 count = qint64(inserted.affected_rows());
            m_report.quarantined += count;
            m_report.counts.push_back(counts(t.name, count));
        }
        m_tx.exec_params0(
            "UPDATE quarantine.rejected_row q SET reasons = q.reasons || a.reasons, rule_ids = q.rule_ids || "
            "a.rule_ids "
            "FROM (SELECT table_name, source_line, array_agg(reason ORDER BY seq) AS reasons, "
            "array_agg(rule_id ORDER BY seq) AS rule_ids FROM pg_temp.dq_fail WHERE rejects AND at_load "
            "GROUP BY table_name, source_line) a WHERE q.run_id = $1 AND q.stage = 'load' "
            "AND q.table_name = a.table_name AND q.source_line = a.source_line AND NOT (q.rule_ids && a.rule_ids)",
            runId());
    }

    void score()
    {
        const LostRows lost = rowsSetAside(m_tx, runId());
        for (const staging::TableSpec &t : staging::catalog()) {
            TableFacts facts;
            facts.table = t.name;
            facts.rows = m_staged[t.name] + m_loadQuarantined[t.name];
            if (RowRules *rules = m_stage.rowRules(t.name)) {
                const auto &nulls = rules->nullCounts();
                facts.checkedRows = rules->rowsChecked();
                for (std::size_t i = 0; i < t.columns.size() && i < nulls.size(); ++i)
                    facts.columns.push_back({t.columns[i].name, t.columns[i].required, nulls[i]});
                for (RuleResult &r : rules->results())
                    m_report.rules.push_back(std::move(r));
            }
            for (const std::vector<RuleResult> *list : {&m_setResults, &m_loadResults}) {
                for (const RuleResult &r : *list) {
                    if (r.table == t.name)
                        m_report.rules.push_back(r);
                }
            }
            if (const auto it = lost.find(t.name); it != lost.end())
                facts.lost = it->second;
            m_report.facts.push_back(std::move(facts));
        }
        m_report.scores = scoreRun(m_report.rules, m_report.facts, m_stage.m_options);
    }

    void persist()
    {
        checkCancel();
        m_stage.recordScores(m_tx, m_report);
    }

    QualityStage &m_stage;
    pqxx::work &m_tx;
    StageObserver &m_observer;
    std::string m_run;
    std::map<std::string, qint64> m_staged;          // rows in staging
    std::map<std::string, qint64> m_loadQuarantined; // rows the loader quarantined (any reason)
    std::map<std::string, qint64> m_atLoad;          // of those, rows parsed back for the set rules
    std::set<std::string> m_warehouse;
    std::vector<RuleResult> m_setResults;
    std::vector<RuleResult> m_loadResults;
    QualityReport m_report;
};

QualityStage::QualityStage(QualityOptions options, qint64 runId, QDateTime runTime)
    : m_options(std::move(options)), m_runId(runId), m_runTime(std::move(runTime))
{
    for (const staging::TableSpec &t : staging::catalog())
        m_rowRules[t.name] = std::make_unique<RowRules>(t, m_options, m_runTime);
}

QualityStage::~QualityStage() = default;

namespace {

std::vector<std::string> headerOf(const QString &csvPath)
{
    try {
        return csv::Reader(QFile::encodeName(csvPath).toStdString()).header();
    } catch (const std::exception &e) {
        // The loader reports what is wrong with the file.
        qCDebug(lcQuality) << "cannot read the header of" << csvPath << e.what();
        return {};
    }
}

} // namespace

void QualityStage::setSnapshot(const staging::Snapshot &snapshot)
{
    m_snapshotCreatedAt = snapshot.metadata().createdAt;
    m_files.clear();
    for (const staging::SnapshotFile &f : snapshot.metadata().files)
        m_files[f.table] = snapshot.filePath(f);
    for (const auto &[table, path] : m_files) {
        if (RowRules *rules = rowRules(table))
            rules->setHeader(headerOf(path));
    }
}

load::RowChecker *QualityStage::checkerFor(const std::string &table)
{
    const auto file = m_files.find(table);
    return checkerFor(table, file != m_files.end() ? headerOf(file->second) : std::vector<std::string>());
}

load::RowChecker *QualityStage::checkerFor(const std::string &table, const std::vector<std::string> &header)
{
    if (!m_options.enabled)
        return nullptr;
    RowRules *rules = rowRules(table);
    if (rules) {
        rules->reset();
        rules->setHeader(header);
    }
    return rules;
}

RowRules *QualityStage::rowRules(const std::string &table) const
{
    const auto it = m_rowRules.find(table);
    return it == m_rowRules.end() ? nullptr : it->second.get();
}

QualityReport QualityStage::validate(pqxx::connection_base &connection, StageObserver &observer)
{
    QElapsedTimer timer;
    timer.start();
    pqxx::work tx{connection, "validate"};
    QualityReport report = Validation(*this, tx, observer).run();
    if (observer.cancelRequested())
        throw CancelledError();
    tx.commit();
    report.seconds = double(timer.nsecsElapsed()) / 1e9;

    // Per table, what the scores say; the caller records the stage's counts
    // (report.counts) and reports the verdict and the gate messages.
    if (!report.enabled)
        return report;
    for (const TableScore &t : report.scores.tables) {
        if (t.rows == 0)
            continue;
        QString low;
        for (const DimensionScore &d : t.dimensions) {
            if (d.score && *d.score < 100)
                low += QStringLiteral(", %1 %2").arg(QString::fromLatin1(toString(d.dimension))).arg(*d.score);
        }
        const auto counts = std::find_if(report.counts.begin(), report.counts.end(),
                                         [&](const TableCounts &c) { return c.table.toStdString() == t.table; });
        observer.log(low.isEmpty() ? LogLevel::Info : LogLevel::Warning,
                     QStringLiteral("%1: overall %2%3; %4 rows rejected by table-wide rules")
                         .arg(QString::fromStdString(t.table))
                         .arg(t.overall.value_or(100))
                         .arg(low)
                         .arg(counts != report.counts.end() ? counts->quarantined : 0));
    }
    const QString verdict = QStringLiteral("quality gates %1 (overall %2) in %3 s")
                                .arg(report.gateStatus())
                                .arg(report.overall())
                                .arg(report.seconds, 0, 'f', 2);
    qCInfo(lcQuality) << "run" << m_runId << verdict;
    for (const std::string &m : report.scores.messages)
        qCDebug(lcQuality) << oneLine(m).c_str();
    return report;
}

void QualityStage::publishCatalogue(pqxx::transaction_base &tx)
{
    json rules = json::array();
    json ids = json::array();
    for (const Rule &r : ruleCatalog()) {
        rules.push_back({{"rule_id", r.id},
                         {"table_name", r.table},
                         {"columns", r.columns},
                         {"dimension", toString(r.dimension)},
                         {"severity", toString(r.severity)},
                         {"kind", toString(r.kind())},
                         {"check_kind", toString(r.check)},
                         {"description", r.description},
                         {"references_table", r.refTable.empty() ? json(nullptr) : json(r.refTable)}});
        ids.push_back(r.id);
    }
    tx.exec_params0(
        "INSERT INTO ops.quality_rule AS q (rule_id, table_name, columns, dimension, severity, kind, check_kind, "
        "description, references_table) SELECT x.rule_id, x.table_name, ARRAY(SELECT e FROM "
        "jsonb_array_elements_text(x.columns) WITH ORDINALITY AS a(e, i) ORDER BY a.i), x.dimension, x.severity, "
        "x.kind, "
        "x.check_kind, x.description, x.references_table FROM jsonb_to_recordset($1::jsonb) AS x(rule_id text, "
        "table_name text, columns jsonb, dimension text, severity text, kind text, check_kind text, description text, "
        "references_table text) ON CONFLICT (rule_id) DO UPDATE SET table_name = excluded.table_name, "
        "columns = excluded.columns, dimension = excluded.dimension, severity = excluded.severity, kind = "
        "excluded.kind, "
        "check_kind = excluded.check_kind, description = excluded.description, "
        "references_table = excluded.references_table, retired = false, updated_at = now() "
        "WHERE (q.table_name, q.columns, q.dimension, q.severity, q.kind, q.check_kind, q.description, "
        "q.references_table, q.retired) IS DISTINCT FROM (excluded.table_name, excluded.columns, excluded.dimension, "
        "excluded.severity, excluded.kind, excluded.check_kind, excluded.description, excluded.references_table, "
        "false)",
        rules.dump());
    tx.exec_params0(
        "UPDATE ops.quality_rule SET retired = true, updated_at = now() WHERE NOT retired AND rule_id NOT IN "
        "(SELECT jsonb_array_elements_text($1::jsonb))",
        ids.dump());
}

} // namespace ecomops::quality
