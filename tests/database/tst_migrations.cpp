// Migrations: applied once, in order, recorded with checksums; re-applying
// is a no-op; an applied file whose text changed is refused by name.
#include "TestDatabase.h"
#include "database/Migrator.h"

#include <QtTest>
#include <pqxx/pqxx>

using namespace ecomops;

class TestMigrations : public QObject
{
    Q_OBJECT
private slots:
    void shippedMigrationsAreNumberedInOrder()
    {
        const auto migrations = db::Migrator::shipped();
        QVERIFY(migrations.size() >= 3);
        QCOMPARE(migrations.first().version, 1);
        for (int i = 0; i < migrations.size(); ++i) {
            // Areas own number ranges (0010 warehouse, 0020 quality, ...): gaps
            // are fine, duplicates are not.
            if (i > 0)
                QVERIFY(migrations[i].version > migrations[i - 1].version);
            QVERIFY(!migrations[i].sql.isEmpty());
        }
    }

    void templateIsMigratedAndReapplyIsNoOp()
    {
        test::TestDatabase database;
        ECOMOPS_REQUIRE_DB(database);
        auto c = database.connect();
        const db::Migrator migrator;
        QCOMPARE(db::Migrator::appliedVersion(*c), migrator.latestVersion());
        const auto report = migrator.apply(*c);
        QVERIFY(report.applied.isEmpty());
        QVERIFY(report.restated.isEmpty());
        QVERIFY(report.objectsApplied.isEmpty());
        QCOMPARE(report.alreadyApplied, migrator.migrations().size());
        pqxx::read_transaction tx{*c};
        QCOMPARE(tx.exec1("SELECT count(*) FROM ops.schema_migrations")[0].as<int>(), migrator.migrations().size());
        for (const char *schema : {"staging", "quarantine", "dw", "ops", "mart"})
            QVERIFY2(tx.exec_params1("SELECT count(*) FROM pg_namespace WHERE nspname = $1", schema)[0].as<int>() == 1,
                     schema);
        QVERIFY(tx.exec1("SELECT to_regclass('ops.pipeline_run') IS NOT NULL")[0].as<bool>());
        QVERIFY(tx.exec1("SELECT to_regclass('ops.stage_result') IS NOT NULL")[0].as<bool>());
    }

    void freshDatabaseGetsEverythingInOrder()
    {
        test::TestDatabase database;
        ECOMOPS_REQUIRE_DB(database);
        auto c = database.connect();
        {
            pqxx::work tx{*c};
            // Empty the clone so the migrator starts from nothing.
            tx.exec0("DROP SCHEMA staging, quarantine, dw, mart, ops CASCADE");
            tx.commit();
        }
        QCOMPARE(db::Migrator::appliedVersion(*c), 0);
        const auto report = db::Migrator().apply(*c);
        QCOMPARE(report.applied.size(), db::Migrator::shipped().size());
        QCOMPARE(report.applied.first(), QStringLiteral("0001_schemas.sql"));
        QCOMPARE(report.objectsApplied.size(), db::Migrator::shippedObjects().size());
    }

    void tamperedAppliedFileIsRefusedByName()
    {
        test::TestDatabase database;
        ECOMOPS_REQUIRE_DB(database);
        auto c = database.connect();
        auto migrations = db::Migrator::shipped();
        migrations[1].sql.append("\n-- an innocent-looking edit\n");
        try {
            db::Migrator(migrations).apply(*c);
            QFAIL("a changed migration was applied");
        } catch (const db::MigrationError &e) {
            QVERIFY2(e.message().contains(migrations[1].fileName), qPrintable(e.message()));
            QVERIFY(e.message().contains(QStringLiteral("changed")));
        }
    }

    void brokenMigrationRollsBackAndNamesFile()
    {
        test::TestDatabase database;
        ECOMOPS_REQUIRE_DB(database);
        auto c = database.connect();
        auto migrations = db::Migrator::shipped();
        const int next = migrations.last().version + 1;
        migrations.append({next,
                           QStringLiteral("%1_broken.sql").arg(next, 4, 10, QLatin1Char('0')),
                           QByteArray("CREATE TABLE ops.half_done (x int); SELECT no_such_function();"),
                           {}});
        try {
            db::Migrator(migrations).apply(*c);
            QFAIL("a failing migration reported success");
        } catch (const db::MigrationError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("_broken.sql")), qPrintable(e.message()));
        }
        pqxx::read_transaction tx{*c};
        QVERIFY(!tx.exec1("SELECT to_regclass('ops.half_done') IS NOT NULL")[0].as<bool>());
        QCOMPARE(tx.exec1("SELECT max(version) FROM ops.schema_migrations")[0].as<int>(), next - 1);
    }

    void newerDatabaseIsRefused()
    {
        test::TestDatabase database;
        ECOMOPS_REQUIRE_DB(database);
        auto c = database.connect();
        {
            pqxx::work tx{*c};
            tx.exec0("INSERT INTO ops.schema_migrations (version, file_name, checksum) VALUES (9999, "
                     "'9999_future.sql', 'x')");
            tx.commit();
        }
        QVERIFY_THROWS_EXCEPTION(db::MigrationError, db::Migrator().apply(*c));
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
