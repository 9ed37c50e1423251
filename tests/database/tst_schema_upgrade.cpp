// Object files (resources/sql/functions): a database migrated by the build
// before issue 15 (its migrations, kept as a fixture) and then upgraded ends
// with the same catalogue as a fresh one, its marts rebuilt with the same
// rows; a changed file is re-applied alone, a changed materialized view with
// everything after it, and the data survives.
#include "../warehouse/ShopFixture.h"
#include "TestDatabase.h"
#include "database/Migrator.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <pqxx/pqxx>

using namespace ecomops;

namespace {

// Every object of our schemas as one line of text: functions with their whole
// definition (SECURITY DEFINER, search_path, body), views with their query,
// indexes, triggers, comments, column types and every privilege, default
// privileges included. No OIDs, so two databases compare line by line;
// partitions (a run's staging, a month of facts) are data, not schema.
const char *const kCatalogue = R"sql(
WITH ours AS (SELECT oid, nspname FROM pg_namespace WHERE nspname IN ('staging', 'quarantine', 'dw', 'ops', 'mart'))
SELECT 'function ' || p.oid::regprocedure::text || E'\n' || pg_get_functiondef(p.oid)
       || E'\nacl ' || coalesce(p.proacl::text, 'default') || E'\ncomment ' || coalesce(obj_description(p.oid, 'pg_proc'), '-')
FROM pg_proc p JOIN ours n ON n.oid = p.pronamespace
UNION ALL
SELECT 'relation ' || c.relkind::text || ' ' || c.oid::regclass::text
       || CASE WHEN c.relkind IN ('v', 'm') THEN E'\n' || pg_get_viewdef(c.oid) ELSE '' END
       || E'\nacl ' || coalesce(c.relacl::text, 'default') || E'\ncomment ' || coalesce(obj_description(c.oid, 'pg_class'), '-')
       || E'\npopulated ' || c.relispopulated::text
FROM pg_class c JOIN ours n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'I', 'c') AND NOT c.relispartition
UNION ALL
SELECT 'index ' || pg_get_indexdef(i.indexrelid)
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN ours n ON n.oid = c.relnamespace
WHERE NOT c.relispartition
UNION ALL
SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT t.tgisinternal
UNION ALL
SELECT 'default acl ' || d.defaclrole::regrole::text || ' ' || coalesce(d.defaclnamespace::regnamespace::text, '-') || ' '
       || d.defaclobjtype::text || ' ' || d.defaclacl::text
FROM pg_default_acl d
UNION ALL
SELECT 'column ' || a.attrelid::regclass::text || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
       || ' acl ' || coalesce(a.attacl::text, '-') || ' comment ' || coalesce(col_description(a.attrelid, a.attnum), '-')
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN ours n ON n.oid = c.relnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'c') AND NOT c.relispartition
UNION ALL
SELECT 'schema ' || n.nspname || ' ' || coalesce(n.nspacl::text, '-') || ' ' || coalesce(obj_description(n.oid, 'pg_namespace'), '-')
FROM pg_namespace n JOIN ours USING (oid)
UNION ALL
SELECT 'migration ' || version || ' ' || file_name || ' ' || checksum FROM ops.schema_migrations
UNION ALL
SELECT 'object file ' || file_name || ' ' || checksum FROM ops.schema_objects
ORDER BY 1
)sql";

QStringList catalogue(pqxx::connection &c)
{
    QStringList lines;
    pqxx::read_transaction tx{c};
    for (const auto &row : tx.exec(kCatalogue))
        lines << QString::fromStdString(row[0].as<std::string>());
    return lines;
}

// The lines only one side has, so a failure names the objects that differ.
QString difference(const QStringList &fresh, const QStringList &upgraded)
{
    QStringList out;
    for (const QString &line : fresh)
        if (!upgraded.contains(line))
            out << QStringLiteral("only fresh: ") + line;
    for (const QString &line : upgraded)
        if (!fresh.contains(line))
            out << QStringLiteral("only upgraded: ") + line;
    return out.join(QLatin1Char('\n')).left(4000);
}

// md5 of every materialized view's rows, in a stable order.
std::map<std::string, std::string> martChecksums(pqxx::connection &c)
{
    std::map<std::string, std::string> result;
    pqxx::read_transaction tx{c};
    for (const auto &row : tx.exec("SELECT schemaname || '.' || matviewname FROM pg_matviews ORDER BY 1")) {
        const std::string name = row[0].as<std::string>();
        result[name] =
            tx.exec1("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') "
                     "FROM " +
                     name + " t")[0]
                .as<std::string>();
    }
    return result;
}

// The migrations as the build before issue 15 shipped them (commit 1897121).
QList<db::Migration> migrationsBeforeIssue15(const QTemporaryDir &dir)
{
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("-xzf"), QStringLiteral(ECOMOPS_MIGRATIONS_BEFORE_ISSUE15),
                                      QStringLiteral("-C"), dir.path()});
    if (!tar.waitForFinished(60000) || tar.exitCode() != 0)
        return {};
    QList<db::Migration> result;
    const QDir folder(dir.path());
    for (const QString &name : folder.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
        QFile file(folder.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        result.append({name.left(4).toInt(), name, file.readAll(), {}});
    }
    return result;
}

void emptyDatabase(pqxx::connection &c)
{
    pqxx::work tx{c};
    tx.exec0("DROP SCHEMA staging, quarantine, dw, mart, ops CASCADE");
    tx.commit();
}

// Runs the shop through the transform functions a database has (called by
// name, as the build before issue 15 did) and refreshes every mart.
void loadShopWithSql(pqxx::connection &c)
{
    const qint64 runId = test::createRun(c);
    test::stage(c, runId, test::shopSnapshot());
    pqxx::work tx{c};
    for (const char *step : {"countries", "categories", "products", "customers", "zip_codes", "sellers", "orders",
                             "order_lines", "fulfilment", "payments", "invoices", "reviews", "events"})
        tx.exec_params(std::string("SELECT * FROM dw.transform_") + step + "($1)", runId);
    for (const QString &mart : warehouse::materializedMarts()) // in dependency order
        tx.exec0("REFRESH MATERIALIZED VIEW mart." + mart.toStdString());
    tx.commit();
}

// The shipped object files, the one of `object` ("dw_problem") edited.
QList<db::ObjectFile> withChangedFile(const QString &object)
{
    auto objects = db::Migrator::shippedObjects();
    for (db::ObjectFile &file : objects)
        if (file.fileName.endsWith(QLatin1Char('_') + object + QStringLiteral(".sql")))
            file.sql.append("\n-- an edit that changes the checksum\n");
    return objects;
}

QString fileOf(const QString &object)
{
    for (const db::ObjectFile &file : db::Migrator::shippedObjects())
        if (file.fileName.endsWith(QLatin1Char('_') + object + QStringLiteral(".sql")))
            return file.fileName;
    return {};
}

// The shipped object files from `first` on, in order.
QStringList fileNamesFrom(const QString &first)
{
    QStringList names;
    for (const db::ObjectFile &file : db::Migrator::shippedObjects())
        if (file.fileName >= first)
            names << file.fileName;
    return names;
}

// The views whose rows differ, by name ("" when none does).
QString changedMarts(const std::map<std::string, std::string> &before, const std::map<std::string, std::string> &after)
{
    QStringList names;
    for (const auto &[name, sum] : before)
        if (after.count(name) == 0 || after.at(name) != sum)
            names << QString::fromStdString(name + " " + sum + " → " + (after.count(name) ? after.at(name) : "none"));
    if (before.size() != after.size())
        names << QStringLiteral("%1 views before, %2 after").arg(before.size()).arg(after.size());
    return names.join(QLatin1Char('\n'));
}

} // namespace

class TestSchemaUpgrade : public QObject
{
    Q_OBJECT
private slots:
    void upgradedDatabaseMatchesFresh()
    {
        test::TestDatabase fresh;
        ECOMOPS_REQUIRE_DB(fresh);
        test::TestDatabase upgraded;
        ECOMOPS_REQUIRE_DB(upgraded);
        auto f = fresh.connect();
        auto u = upgraded.connect();

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto before = migrationsBeforeIssue15(dir);
        QCOMPARE(before.size(), 20);
        emptyDatabase(*u);
        db::Migrator(before, {}).apply(*u);
        {
            // That build had no object ledger: leave none, as it left.
            pqxx::work tx{*u};
            tx.exec0("DROP TABLE ops.schema_objects");
            tx.commit();
        }
        loadShopWithSql(*u);
        const auto martsBefore = martChecksums(*u);
        QVERIFY(martsBefore.size() >= 8);
        QVERIFY(martsBefore.at("mart.order_summary").rfind("0:", 0) != 0); // the shop's orders are in

        const auto report = db::Migrator().apply(*u);
        // Applied now: only the migrations that came after that build.
        QStringList newer;
        for (const db::Migration &m : db::Migrator::shipped()) {
            if (m.version > before.last().version)
                newer << m.fileName;
        }
        QCOMPARE(report.applied, newer);
        QVERIFY2(report.restated.contains(QStringLiteral("0013_dw_transform.sql")),
                 qPrintable(report.restated.join(u' ')));
        QCOMPARE(report.objectsApplied.size(), db::Migrator::shippedObjects().size());

        const QStringList freshCatalogue = catalogue(*f);
        const QStringList upgradedCatalogue = catalogue(*u);
        QVERIFY(freshCatalogue.size() > 500);
        QVERIFY2(freshCatalogue == upgradedCatalogue, qPrintable(difference(freshCatalogue, upgradedCatalogue)));
        // Rebuilt and filled again, not emptied.
        QCOMPARE(changedMarts(martsBefore, martChecksums(*u)), QString());

        // Upgraded once, the database is like any other: nothing more to do.
        const auto again = db::Migrator().apply(*u);
        QVERIFY(again.restated.isEmpty());
        QVERIFY(again.objectsApplied.isEmpty());
    }

    void changedFunctionFileIsReappliedAlone()
    {
        test::TestDatabase database;
        ECOMOPS_REQUIRE_DB(database);
        auto c = database.connect();
        const auto untouched = db::Migrator().apply(*c);
        QVERIFY(untouched.objectsApplied.isEmpty());

        const QString file = fileOf(QStringLiteral("dw_problem"));
        QVERIFY(!file.isEmpty());
        const auto objects = withChangedFile(QStringLiteral("dw_problem"));
        const auto report = db::Migrator(db::Migrator::shipped(), objects).apply(*c);
        QCOMPARE(report.objectsApplied, QStringList{file});
        const auto changed =
            std::find_if(objects.begin(), objects.end(), [&](const db::ObjectFile &o) { return o.fileName == file; });
        pqxx::read_transaction tx{*c};
        QCOMPARE(QString::fromStdString(tx.exec_params1("SELECT checksum FROM ops.schema_objects WHERE file_name = $1",
                                                        file.toStdString())[0]
                                            .as<std::string>()),
                 QString::fromLatin1(changed->checksum()));
    }

    void changedMaterializedViewIsRebuiltWithItsDependants()
    {
        test::TestDatabase database;
        ECOMOPS_REQUIRE_DB(database);
        auto c = database.connect();
        test::load(*c, test::shopSnapshot());
        const auto martsBefore = martChecksums(*c);
        const auto catalogueBefore = catalogue(*c);

        const QString file = fileOf(QStringLiteral("mart_order_summary"));
        QVERIFY(!file.isEmpty());
        const auto report =
            db::Migrator(db::Migrator::shipped(), withChangedFile(QStringLiteral("mart_order_summary"))).apply(*c);
        QCOMPARE(report.objectsApplied, fileNamesFrom(file));
        QCOMPARE(changedMarts(martsBefore, martChecksums(*c)), QString());
        // Same objects and grants (only the changed file's checksum differs).
        const auto catalogueAfter = catalogue(*c);
        QCOMPARE(catalogueAfter.size(), catalogueBefore.size());
        int differing = 0;
        for (int i = 0; i < catalogueAfter.size(); ++i)
            differing += catalogueAfter[i] == catalogueBefore[i] ? 0 : 1;
        QCOMPARE(differing, 1);
    }
};

QTEST_GUILESS_MAIN(TestSchemaUpgrade)
#include "tst_schema_upgrade.moc"
