// The quality stage on a real PostgreSQL, driven like the runner drives it:
// planted defects are all found and nothing clean is quarantined; a clean
// shop scores 100; an Olist-shaped snapshot whose keys do not resolve scores
// low on integrity; gates fail or warn; references known to the warehouse
// from earlier runs are not orphans; a table loaded without the checker is
// checked the same way afterwards.
#include "QualityHarness.h"
#include "TestDatabase.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace ecomops;
using namespace ecomops::quality;
using test::CollectingObserver;

namespace {

// The rule that must reject each kind of planted defect.
const std::map<std::string, std::string> kRuleForKind = {
    {"bad_email", "customers.email.well_formed"},          {"orphan_customer", "orders.customer_id.resolves"},
    {"orphan_product", "order_lines.product_id.resolves"}, {"negative_price", "order_lines.unit_price.not_negative"},
    {"future_date", "orders.order_ts.not_future"},         {"total_mismatch", "orders.order_total.adds_up"},
};

// The (table, dimension) each kind lowers.
const std::map<std::string, std::string> kDimensionForKind = {
    {"bad_email", "validity"},         {"orphan_customer", "integrity"}, {"orphan_product", "integrity"},
    {"negative_price", "validity"},    {"duplicate_row", "uniqueness"},  {"future_date", "timeliness"},
    {"total_mismatch", "consistency"},
};

synthetic::GeneratorOptions shop(double scale, double defectRate, double anomalyRate = 0)
{
    synthetic::GeneratorOptions o;
    o.scale = scale;
    o.seed = 11;
    const double r = defectRate;
    o.defects = {r, r, r, r, r, r, r};
    o.anomalies.rate = anomalyRate;
    o.anomalies.productShare = 0.05;
    return o;
}

struct Run {
    qint64 runId = 0;
    staging::Snapshot snapshot;
    test::LoadOutcome load;
    QualityReport report;
};

Run runShop(const test::TestDatabase &db, pqxx::connection &c, const QString &dir,
            const synthetic::GeneratorOptions &options, const QualityOptions &quality = {})
{
    Run run;
    run.runId = test::newRun(c);
    run.snapshot = test::generateSnapshot(dir, options);
    QualityStage stage(quality, run.runId, QDateTime::currentDateTime());
    stage.setSnapshot(run.snapshot);
    run.load = test::loadSnapshot(db.conninfo(), run.runId, run.snapshot, &stage);
    CollectingObserver observer;
    run.report = stage.validate(c, observer);
    return run;
}

const RuleResult *ruleResult(const QualityReport &report, const std::string &table, const std::string &id)
{
    for (const RuleResult &r : report.rules) {
        if (r.table == table && r.ruleId == id)
            return &r;
    }
    return nullptr;
}

// Writes a staged-table CSV (header from the catalogue) into `dir`.
void writeTable(const QString &dir, const std::string &table, const QStringList &rows)
{
    const staging::TableSpec *spec = staging::findTable(table);
    QFile f(QDir(dir).filePath(QString::fromStdString(spec->fileName())));
    QVERIFY(f.open(QIODevice::WriteOnly));
    QStringList header;
    for (const auto &c : spec->columns)
        header << QString::fromStdString(c.name);
    f.write((header.join(QLatin1Char(',')) + QLatin1Char('\n')).toUtf8());
    // Rows list the leading columns; the optional ones after them stay empty.
    for (const QString &r : rows) {
        const int fields = int(csv::parseRecord(r.toStdString()).fields.size());
        f.write((r + QString(int(spec->columns.size()) - fields, QLatin1Char(',')) + QLatin1Char('\n')).toUtf8());
    }
}

// Finalises the files written into `dir` as a snapshot of `source`, records a
// run, loads it with the quality stage's row rules and validates it.
QualityReport validateFiles(const test::TestDatabase &db, pqxx::connection &c, const QString &dir, const char *source,
                            qint64 &runId)
{
    staging::SnapshotMetadata metadata;
    metadata.source = QString::fromLatin1(source);
    const staging::Snapshot snapshot = staging::Snapshot::finalize(dir, metadata);
    runId = test::newRun(c, source);
    QualityStage stage({}, runId, QDateTime::currentDateTime());
    stage.setSnapshot(snapshot);
    test::loadSnapshot(db.conninfo(), runId, snapshot, &stage);
    CollectingObserver observer;
    return stage.validate(c, observer);
}

// A key as the catalogue's column type wants it: a number for integer keys,
// an Olist-style hash otherwise.
QString key(const std::string &table, const std::string &column, int n)
{
    const staging::TableSpec *spec = staging::findTable(table);
    const auto &c = spec->columns[std::size_t(spec->columnIndex(column))];
    if (c.type == staging::ColumnType::Integer)
        return QString::number(n);
    return QString::fromLatin1(QCryptographicHash::hash(QByteArray::number(n), QCryptographicHash::Md5).toHex());
}

} // namespace

class TestQualityPipeline : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void plantedDefectsAreFoundAndNothingElse()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        const Run run = runShop(db, *c, m_dir.filePath(QStringLiteral("planted")), shop(0.05, 0.01, 0.02));
        const auto manifest = test::readManifest(run.snapshot.directory());
        const auto quarantined = test::quarantine(*c, run.runId);

        // Recall: every planted defect is quarantined by the rule for its kind.
        std::set<std::pair<std::string, qint64>> planted;
        std::map<std::string, int> kinds;
        std::set<std::pair<std::string, std::string>> defectDimensions;
        for (const test::PlantedRow &p : manifest) {
            ++kinds[p.kind];
            const auto at = std::make_pair(p.table, p.line);
            if (p.kind == "anomaly_quantity") {
                continue;
            }
            planted.insert(at);
            defectDimensions.insert({p.table, kDimensionForKind.at(p.kind)});
            const std::string rule = p.kind == "duplicate_row" ? p.table + ".key.unique" : kRuleForKind.at(p.kind);
            const auto q = quarantined.find(at);
            QVERIFY2(q != quarantined.end(), (p.kind + " at " + p.table + ":" + std::to_string(p.line)).c_str());
            QVERIFY2(q->second.rules.count(rule),
                     (p.kind + " at " + p.table + ":" + std::to_string(p.line) + " lacks " + rule).c_str());
        }
        for (const auto &k : {"bad_email", "orphan_customer", "orphan_product", "negative_price", "duplicate_row",
                              "future_date", "total_mismatch", "anomaly_quantity"})
            QVERIFY2(kinds[k] > 0, k);
        // Precision: nothing outside the manifest is quarantined, anomalies included.
        for (const auto &[at, q] : quarantined)
            QVERIFY2(planted.count(at), (at.first + ":" + std::to_string(at.second) + " " + q.reasons.front()).c_str());
        QCOMPARE(quarantined.size(), planted.size());

        // Scores below 100 exactly where the defects belong.
        const auto scores = test::persistedScores(*c, run.runId);
        for (const auto &[at, score] : scores) {
            const auto &[table, dimension] = at;
            if (table.empty() || dimension == "overall" || score < 0)
                continue;
            const bool defect = defectDimensions.count(at) > 0;
            QVERIFY2(defect ? score < 100 : score == 100,
                     (table + " " + dimension + " = " + std::to_string(score)).c_str());
        }
        for (const auto &at : defectDimensions)
            QVERIFY2(scores.count(at), (at.first + " " + at.second).c_str());

        // Nothing is lost: per table, load and validate reconcile with staging and quarantine.
        pqxx::read_transaction tx{*c};
        for (const TableCounts &v : run.report.counts) {
            QVERIFY(v.reconciles());
            const auto loaded = run.load.tables.find(v.table.toStdString());
            if (loaded == run.load.tables.end()) {
                QCOMPARE(v.read, qint64(0)); // a table the synthetic shop does not write
                continue;
            }
            const auto &load = loaded->second;
            QCOMPARE(v.read, load.counts.loaded);
            const qint64 inQuarantine =
                tx.exec_params1("SELECT count(*) FROM quarantine.rejected_row WHERE run_id = $1 AND table_name = $2",
                                run.runId, v.table.toStdString())[0]
                    .as<qint64>();
            QCOMPARE(load.counts.quarantined + v.quarantined, inQuarantine);
            QCOMPARE(load.counts.read, v.loaded + inQuarantine);
        }
        // Child rows of rejected orders are counted (info), not rejected.
        const RuleResult *children = ruleResult(run.report, "order_lines", "order_lines.order_id.parent_accepted");
        QVERIFY(children && children->failed > 0 && children->severity == Severity::Info);
        // Anomalies are left alone.
        for (const test::PlantedRow &p : manifest) {
            if (p.kind == "anomaly_quantity")
                QVERIFY(!quarantined.count({p.table, p.line}) || planted.count({p.table, p.line}));
        }

        // The scorecard and its drill-down are in the database.
        QCOMPARE(tx.exec_params1("SELECT count(*) FROM ops.quality_score WHERE run_id = $1 AND table_name = ''",
                                 run.runId)[0]
                     .as<int>(),
                 9);
        QCOMPARE(tx.exec_params1("SELECT count(DISTINCT table_name) FROM ops.quality_score WHERE run_id = $1 "
                                 "AND table_name <> ''",
                                 run.runId)[0]
                     .as<int>(),
                 int(staging::catalog().size()));
        const auto failure = tx.exec_params1(
            "SELECT failed_count, dimension, severity, jsonb_array_length(examples), examples->0->>'reason', "
            "(examples->0->>'source_line')::bigint FROM ops.quality_failure WHERE run_id = $1 AND rule_id = "
            "'orders.customer_id.resolves'",
            run.runId);
        QCOMPARE(failure[0].as<int>(), kinds["orphan_customer"]);
        QCOMPARE(failure[1].as<std::string>(), std::string("integrity"));
        QCOMPARE(failure[2].as<std::string>(), std::string("reject"));
        QCOMPARE(failure[3].as<int>(), RowRules::kMaxExamples);
        QVERIFY(QString::fromStdString(failure[4].as<std::string>()).contains(QStringLiteral("is not in customers")));
        QVERIFY(planted.count({"orders", failure[5].as<qint64>()}));
        QVERIFY(tx.exec1("SELECT count(*) FROM ops.quality_rule WHERE NOT retired")[0].as<std::size_t>() ==
                ruleCatalog().size());
        // Drill from a rule to its quarantined rows.
        QCOMPARE(tx.exec_params1("SELECT count(*) FROM quarantine.rejected_row WHERE run_id = $1 AND "
                                 "rule_ids @> ARRAY['orders.order_total.adds_up']",
                                 run.runId)[0]
                     .as<int>(),
                 kinds["total_mismatch"]);
        // Default gates: integrity must be 100, so the run fails, in words.
        QVERIFY(run.report.failsRun());
        QVERIFY(run.report.gateMessages().join(QLatin1Char('\n')).contains(QStringLiteral("orders: integrity ")));
        QCOMPARE(tx.exec_params1("SELECT gate_status FROM ops.quality_run WHERE run_id = $1", run.runId)[0]
                     .as<std::string>(),
                 std::string("failed"));
    }

    void cleanShopScores100()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        const Run run = runShop(db, *c, m_dir.filePath(QStringLiteral("clean")), shop(0.05, 0));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " +
                                      std::to_string(run.runId)),
                 qint64(0));
        int scored = 0;
        for (const auto &[at, score] : test::persistedScores(*c, run.runId)) {
            if (score < 0)
                continue;
            ++scored;
            QVERIFY2(score == 100, (at.first + " " + at.second + " = " + std::to_string(score)).c_str());
        }
        QVERIFY(scored > 60);
        QCOMPARE(run.report.gateStatus(), QStringLiteral("passed"));
        QVERIFY(run.report.gateMessages().isEmpty());
        QCOMPARE(run.report.overall(), 100.0);
        // Every table of the shop was checked on completeness, validity, timeliness and uniqueness.
        for (const TableScore &t : run.report.scores.tables) {
            if (t.rows == 0)
                continue; // tables only real sources bring
            for (Dimension d : {Dimension::Completeness, Dimension::Validity, Dimension::Timeliness,
                                Dimension::Uniqueness, Dimension::Conformity})
                QVERIFY2(t.dimensions[indexOf(d)].score, (t.table + " " + toString(d)).c_str());
        }
        for (const char *table : {"orders", "order_lines", "payments", "invoices", "events", "customer_segments"})
            QVERIFY2(run.report.scores.table(table)->dimensions[indexOf(Dimension::Integrity)].score, table);
    }

    void timelinessIsAboutTheWorld()
    {
        // The same clean shop checked against a one-year window and an old
        // snapshot: only timeliness drops, because the rule is about "now".
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        QualityOptions options;
        options.rules.windowDays = 365;
        options.rules.maxSnapshotAgeDays = 7;
        const qint64 runId = test::newRun(*c);
        const staging::Snapshot snapshot =
            test::generateSnapshot(m_dir.filePath(QStringLiteral("window")), shop(0.02, 0));
        QualityStage stage(options, runId, QDateTime(QDate(2026, 12, 20), QTime(9, 0)));
        stage.setSnapshot(snapshot);
        stage.setSnapshotCreatedAt(QDateTime(QDate(2026, 12, 1), QTime(9, 0)));
        test::loadSnapshot(db.conninfo(), runId, snapshot, &stage);
        CollectingObserver observer;
        const QualityReport report = stage.validate(*c, observer);
        for (const TableScore &t : report.scores.tables) {
            for (const DimensionScore &d : t.dimensions) {
                if (!d.score)
                    continue;
                if (d.dimension == Dimension::Timeliness)
                    QVERIFY2(*d.score < 100, t.table.c_str());
                else
                    QVERIFY2(*d.score == 100, (t.table + " " + toString(d.dimension)).c_str());
            }
        }
        const RuleResult *fresh = ruleResult(report, "countries", "snapshot.fresh");
        QVERIFY(fresh && fresh->failed == fresh->checked);
        QVERIFY(QString::fromStdString(fresh->examples.front().reason).contains(QStringLiteral("19 days before")));
        QVERIFY(ruleResult(report, "orders", "orders.order_ts.in_window")->failed > 0);
        QCOMPARE(report.quarantined, qint64(0)); // counted, never rejected
        QVERIFY(report.gateMessages().join(QLatin1Char('\n')).contains(QStringLiteral("timeliness")));
    }

    void gatesFailOrWarn()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        const Run run = runShop(db, *c, m_dir.filePath(QStringLiteral("gates")), shop(0.02, 0.01));
        const qint64 quarantined = test::number(*c, "SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " +
                                                        std::to_string(run.runId));
        QVERIFY(run.report.failsRun());

        // Validating again (here: with other gates, by a stage that has no
        // counters of its own, so it re-checks the staged rows itself) gives
        // the same findings and replaces the earlier results.
        auto validateWith = [&](const nlohmann::json &gates) {
            QualityStage stage(QualityOptions::fromJson(gates), run.runId, QDateTime::currentDateTime());
            stage.setSnapshot(run.snapshot);
            CollectingObserver observer;
            return stage.validate(*c, observer);
        };
        const QualityReport failing = validateWith(nlohmann::json::parse(R"({"overall": 100})"));
        QCOMPARE(failing.gateStatus(), QStringLiteral("failed"));
        QVERIFY(failing.failsRun());
        const QString messages = failing.gateMessages().join(QLatin1Char('\n'));
        QVERIFY2(messages.contains(QStringLiteral("orders: overall score ")) &&
                     messages.contains(QStringLiteral("is below its gate of 100 (gate: fail)")),
                 qPrintable(messages));
        QCOMPARE(test::number(*c, "SELECT count(*) FROM quarantine.rejected_row WHERE run_id = " +
                                      std::to_string(run.runId)),
                 quarantined);
        for (const RuleResult &r : run.report.rules) {
            const RuleResult *again = ruleResult(failing, r.table, r.ruleId);
            QVERIFY2(again && again->checked == r.checked && again->failed == r.failed, r.ruleId.c_str());
        }

        const QualityReport warned = validateWith(nlohmann::json::parse(R"({"overall": 100, "mode": "warn"})"));
        QCOMPARE(warned.gateStatus(), QStringLiteral("warned"));
        QVERIFY(!warned.failsRun());
        QCOMPARE(warned.gateMessages().size(), failing.gateMessages().size());
        for (const QString &m : warned.gateMessages())
            QVERIFY2(m.endsWith(QStringLiteral("(gate: warn)")), qPrintable(m));

        const QualityReport passed = validateWith(nlohmann::json::parse(
            R"({"dimensions": {"integrity": 90, "consistency": 90, "uniqueness": 90, "timeliness": 90, "validity": 90}})"));
        QCOMPARE(passed.gateStatus(), QStringLiteral("passed"));
        pqxx::read_transaction tx{*c};
        const auto row =
            tx.exec_params1("SELECT gate_status, cardinality(messages), "
                            "(options->'dimensions'->>'integrity')::float8 FROM ops.quality_run WHERE run_id = $1",
                            run.runId);
        QCOMPARE(row[0].as<std::string>(), std::string("passed"));
        QCOMPARE(row[1].as<int>(), 0);
        QCOMPARE(row[2].as<double>(), 90.0);
        QCOMPARE(tx.exec_params1("SELECT count(*) FROM ops.quality_gate WHERE run_id = $1 AND NOT passed", run.runId)[0]
                     .as<int>(),
                 0);
    }

    void olistShapedKeysDoNotResolve()
    {
        // Files sampled independently, like the Olist export: most orders name
        // customers that are not in the customers file, most lines name
        // orders and products that are not there, most payments name orders
        // that are not there.
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        const QString dir = m_dir.filePath(QStringLiteral("olist"));
        QDir().mkpath(dir);
        writeTable(dir, "countries", {QStringLiteral("BR,Brazil,Latin America")});
        writeTable(dir, "categories", {QStringLiteral("1,perfumaria,"), QStringLiteral("2,artes,")});
        QStringList products, customers, orders, lines, payments;
        for (int i = 1; i <= 10; ++i)
            products << key("products", "product_id", 100 + i) + QStringLiteral(",produto %1,1,").arg(i);
        for (int i = 1; i <= 10; ++i)
            customers << key("customers", "customer_id", 200 + i) + QStringLiteral(",,,,,BR,sao paulo,");
        // Orders 1..20: only the first 4 name a customer of the file.
        for (int i = 1; i <= 20; ++i)
            orders << key("orders", "order_id", 300 + i) + QLatin1Char(',') +
                          key("customers", "customer_id", i <= 4 ? 200 + i : 900 + i) +
                          QStringLiteral(
                              ",2017-10-02 10:56:33,Marketplace,delivered,credit_card,BR,58.90,0,13.29,72.19");
        // Lines: 30, of which 5 name an order and a product of the files.
        for (int i = 1; i <= 30; ++i) {
            const bool resolves = i <= 5;
            lines << key("order_lines", "order_id", resolves ? 300 + i : 700 + i) + QStringLiteral(",1,") +
                         key("order_lines", "product_id", resolves ? 100 + i : 800 + i) +
                         QStringLiteral(",1,58.90,,58.90");
        }
        for (int i = 1; i <= 20; ++i)
            payments << QString::number(i) + QLatin1Char(',') +
                            key("payments", "order_id", i <= 3 ? 300 + i : 600 + i) +
                            QStringLiteral(",2017-10-02 11:07:15,credit_card,72.19");
        writeTable(dir, "products", products);
        writeTable(dir, "customers", customers);
        writeTable(dir, "orders", orders);
        writeTable(dir, "order_lines", lines);
        writeTable(dir, "payments", payments);
        qint64 runId = 0;
        const QualityReport report = validateFiles(db, *c, dir, "olist", runId);

        const auto integrity = [&](const char *table) {
            return *report.scores.table(table)->dimensions[indexOf(Dimension::Integrity)].score;
        };
        QCOMPARE(integrity("orders"), 20.0);                             // 4 of 20
        QCOMPARE(integrity("order_lines"), floorScore(100.0 * 10 / 60)); // 5 of 30 orders, 5 of 30 products
        QCOMPARE(integrity("payments"), 15.0);                           // 3 of 20
        QCOMPARE(integrity("products"), 100.0);
        QVERIFY(report.failsRun());
        const QString messages = report.gateMessages().join(QLatin1Char('\n'));
        QVERIFY2(messages.contains(QStringLiteral("orders: integrity 20 is below its gate of 100")),
                 qPrintable(messages));
        // The orphans are quarantined with their reasons; the others load.
        const auto quarantined = test::quarantine(*c, runId);
        QCOMPARE(int(quarantined.size()), 16 + 25 + 17);
        const auto orphanOrder = quarantined.at({"orders", 2 + 4});
        QCOMPARE(orphanOrder.stage, std::string("validate"));
        QVERIFY(QString::fromStdString(orphanOrder.reasons.front())
                    .contains(QStringLiteral("is not in customers of this run nor in dw.dim_customer")));
        const auto orphanLine = quarantined.at({"order_lines", 2 + 10});
        QCOMPARE(orphanLine.rules,
                 (std::set<std::string>{"order_lines.order_id.resolves", "order_lines.product_id.resolves"}));
        // The scorecard shows it, run-wide too.
        const auto scores = test::persistedScores(*c, runId);
        QVERIFY(scores.at({"", "integrity"}) < 50);
        QCOMPARE(scores.at({"orders", "integrity"}), 20.0);
    }

    void warehouseReferencesAreNotOrphans()
    {
        // An incremental load: orders of customers, and lines of products,
        // that earlier runs brought into the warehouse.
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        {
            pqxx::work tx{*c};
            tx.exec0(
                "INSERT INTO dw.dim_customer (customer_id, valid_from, change_kind, created_run_id, updated_run_id) "
                "VALUES ('9001', '2024-01-01', 'first', 0, 0)");
            tx.exec0("INSERT INTO dw.dim_product (product_id, valid_from, change_kind, unit_price, created_run_id, "
                     "updated_run_id) VALUES ('SKU-777777', '2024-01-01', 'price', 10.00, 0, 0)");
            tx.commit();
        }
        const QString dir = m_dir.filePath(QStringLiteral("incremental"));
        QDir().mkpath(dir);
        writeTable(dir, "orders",
                   {QStringLiteral("1,9001,2025-03-01 10:00:00,Website,Completed,,US,20.00,0,0,20.00"),
                    QStringLiteral("2,9002,2025-03-01 10:00:00,Website,Completed,,US,20.00,0,0,20.00")});
        writeTable(dir, "order_lines",
                   {QStringLiteral("1,1,SKU-777777,2,10.00,,20.00"), QStringLiteral("2,1,SKU-777777,1,25.00,,25.00")});
        writeTable(dir, "countries", {QStringLiteral("US,United States,North America")});
        qint64 runId = 0;
        const QualityReport report = validateFiles(db, *c, dir, "snapshot", runId);
        const auto quarantined = test::quarantine(*c, runId);
        // Order 2's customer is known nowhere; order 1's is in the warehouse.
        QCOMPARE(quarantined.size(), std::size_t(1));
        QVERIFY(quarantined.at({"orders", 3}).rules.count("orders.customer_id.resolves"));
        // Its line names a rejected order: counted for the transform, not rejected; and
        // order 2's subtotal does not match its line (20.00 vs 25.00).
        QVERIFY(quarantined.at({"orders", 3}).rules.count("orders.items_subtotal.matches_lines"));
        QCOMPARE(ruleResult(report, "order_lines", "order_lines.order_id.parent_accepted")->failed, qint64(1));
        // The warehouse's price history makes 25.00 an outlier (counted, accuracy).
        QCOMPARE(ruleResult(report, "order_lines", "order_lines.unit_price.in_range")->failed, qint64(1));
        QCOMPARE(ruleResult(report, "order_lines", "order_lines.product_id.resolves")->failed, qint64(0));
    }

    void malformedRowsCountAgainstTheirTable()
    {
        test::TestDatabase db;
        ECOMOPS_REQUIRE_DB(db);
        auto c = db.connect();
        const QString dir = m_dir.filePath(QStringLiteral("malformed"));
        QDir().mkpath(dir);
        {
            QFile f(QDir(dir).filePath(QStringLiteral("countries.csv")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("country_code,country_name,region\nUS,United States,North America\nDE,\"Germ\"any,\nFR,France\n"
                    "GB,United Kingdom,Europe\n");
        }
        qint64 runId = 0;
        const QualityReport report = validateFiles(db, *c, dir, "snapshot", runId);
        const RuleResult *wellFormed = ruleResult(report, "countries", "csv.well_formed");
        QVERIFY(wellFormed);
        QCOMPARE(wellFormed->checked, qint64(4));
        QCOMPARE(wellFormed->failed, qint64(2));
        QCOMPARE(wellFormed->examples.size(), std::size_t(2));
        // Conformity: 4 records of which 2 malformed, plus the 2 loaded codes'
        // iso2 checks, would pool to 4/6; but half of the rows read never
        // reach the warehouse, so conformity is at most 2/4.
        QCOMPARE(*report.scores.table("countries")->dimensions[indexOf(Dimension::Conformity)].score,
                 floorScore(100.0 * 2 / 4));
    }
};

QTEST_GUILESS_MAIN(TestQualityPipeline)
#include "tst_quality_pipeline.moc"
