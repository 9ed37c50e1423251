// Snapshots: metadata with counts and checksums, _SUCCESS last, and a folder
// without _SUCCESS is refused.
#include "csv/Sha256.h"
#include "staging/Snapshot.h"

#include <QtTest>

using namespace ecomops::staging;

namespace {
void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}
} // namespace

class TestSnapshot : public QObject
{
    Q_OBJECT
private slots:
    void finalizeWritesMetadataThenSuccess()
    {
        QTemporaryDir dir;
        const QByteArray countries = "country_code,country_name,region\nDE,Germany,Europe\nFR,\"France, la\",Europe\n";
        write(dir.filePath(QStringLiteral("countries.csv")), countries);
        write(dir.filePath(QStringLiteral("categories.csv")),
              "category_id,category_name,parent_category_id\n1,\"Multi\nline\",\n");
        write(dir.filePath(QStringLiteral("notes.txt")), "not a table");
        SnapshotMetadata meta;
        meta.source = QStringLiteral("test");
        meta.options = {{"seed", 7}};
        const Snapshot s = Snapshot::finalize(dir.path(), meta);
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("_SUCCESS"))));
        QCOMPARE(s.metadata().files.size(), std::size_t(2));
        const SnapshotFile *c = s.metadata().file("countries");
        QVERIFY(c);
        QCOMPARE(c->rows, qint64(2));
        QCOMPARE(c->bytes, qint64(countries.size()));
        QCOMPARE(QByteArray::fromStdString(c->sha256),
                 QCryptographicHash::hash(countries, QCryptographicHash::Sha256).toHex());
        QCOMPARE(s.metadata().file("categories")->rows, qint64(1)); // an embedded newline is not a row

        const Snapshot reopened = Snapshot::open(dir.path());
        QCOMPARE(reopened.metadata().source, QStringLiteral("test"));
        QCOMPARE(reopened.metadata().options.at("seed").get<int>(), 7);
        QFile meta_(dir.filePath(QStringLiteral("_metadata.json")));
        QVERIFY(meta_.open(QIODevice::ReadOnly));
        const auto json = nlohmann::json::parse(meta_.readAll().toStdString());
        QCOMPARE(json.at("files").at(0).at("column_types").size(), std::size_t(3));
    }

    // Empty source records skipped travel with the snapshot, so a re-run
    // from it counts them too; metadata written before they existed reads 0.
    // A report quoting bytes that are not UTF-8 does not stop the snapshot.
    void skippedRecordsAndUnsafeTextRoundTrip()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("countries.csv")), "country_code,country_name,region\nDE,Germany,Europe\n");
        write(dir.filePath(QStringLiteral("categories.csv")), "category_id,category_name,parent_category_id\n");
        SnapshotMetadata meta;
        meta.source = QStringLiteral("test");
        meta.report = {{"value", std::string("Cura\xE9\x61o")}};
        Snapshot::finalize(dir.path(), meta, {}, {{"countries", 34000}});
        const Snapshot s = Snapshot::open(dir.path());
        QCOMPARE(s.metadata().file("countries")->skipped, qint64(34000));
        QCOMPARE(s.metadata().file("categories")->skipped, qint64(0));
        QCOMPARE(s.metadata().report.at("value").get<std::string>(), std::string("Cura\xEF\xBF\xBD\x61o"));

        QFile metaFile(dir.filePath(QStringLiteral("_metadata.json")));
        QVERIFY(metaFile.open(QIODevice::ReadOnly));
        nlohmann::json json = nlohmann::json::parse(metaFile.readAll().toStdString());
        QCOMPARE(json.at("files").at(1).at("skipped_empty_records").get<qint64>(), qint64(34000));
        json["files"][1].erase("skipped_empty_records");
        metaFile.close();
        QVERIFY(metaFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        metaFile.write(QByteArray::fromStdString(json.dump()));
        metaFile.close();
        QCOMPARE(Snapshot::open(dir.path()).metadata().file("countries")->skipped, qint64(0));
    }

    void incompleteSnapshotIsRefused()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("countries.csv")), "country_code,country_name,region\n");
        write(dir.filePath(QStringLiteral("_metadata.json")), "{}");
        try {
            Snapshot::open(dir.path());
            QFAIL("opened a snapshot without _SUCCESS");
        } catch (const SnapshotError &e) {
            QVERIFY(e.message().contains(QStringLiteral("_SUCCESS")));
        }
    }

    void missingListedFileIsRefused()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("countries.csv")), "country_code,country_name,region\nDE,Germany,Europe\n");
        Snapshot::finalize(dir.path(), SnapshotMetadata{QStringLiteral("t"), {}, {}, {}, {}});
        QFile::remove(dir.filePath(QStringLiteral("countries.csv")));
        QVERIFY_THROWS_EXCEPTION(SnapshotError, Snapshot::open(dir.path()));
    }

    void directoryLayout()
    {
        const QString a = Snapshot::directoryFor(QStringLiteral("/s"), 12, QDate(2026, 11, 23));
        QVERIFY2(a.startsWith(QStringLiteral("/s/snapshot_date=2026-11-23/run-12-")), qPrintable(a));
        QVERIFY(a != Snapshot::directoryFor(QStringLiteral("/s"), 12, QDate(2026, 11, 23)));
    }
};

QTEST_GUILESS_MAIN(TestSnapshot)
#include "tst_snapshot.moc"
