#include "staging/Snapshot.h"

#include "core/PrivateFolder.h"
#include "core/Utf8.h"
#include "csv/Reader.h"
#include "csv/Sha256.h"
#include "staging/Catalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUuid>

namespace ecomops::staging {
namespace {

const QString kMetadataFile = QStringLiteral("_metadata.json");
const QString kSuccessFile = QStringLiteral("_SUCCESS");

std::string sha256Of(const QString &path, qint64 *bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw SnapshotError(QObject::tr("Cannot read %1: %2").arg(path, file.errorString()));
    csv::Sha256 hash;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    *bytes = 0;
    for (;;) {
        const qint64 n = file.read(chunk.data(), chunk.size());
        if (n < 0)
            throw SnapshotError(QObject::tr("Cannot read %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        hash.update(chunk.constData(), std::size_t(n));
        *bytes += n;
    }
    return hash.hexDigest();
}

qint64 countRecords(const QString &path)
{
    csv::ReaderOptions options;
    options.fieldCount = csv::FieldCountCheck::None;
    csv::Reader reader(QFile::encodeName(path).toStdString(), options);
    while (reader.next() != csv::Outcome::End) {
    }
    const auto stats = reader.stats();
    return qint64(stats.records + stats.malformed);
}

constexpr QFile::Permissions kPrivateFile = QFile::ReadOwner | QFile::WriteOwner;

} // namespace

nlohmann::json SnapshotMetadata::toJson() const
{
    nlohmann::json files_ = nlohmann::json::array();
    for (const SnapshotFile &f : files) {
        nlohmann::json columns = nlohmann::json::object();
        if (const TableSpec *spec = findTable(f.table)) {
            for (const Column &c : spec->columns)
                columns[c.name] = toString(c.type);
        }
        files_.push_back({{"table", f.table},
                          {"file", f.fileName},
                          {"rows", f.rows},
                          {"bytes", f.bytes},
                          {"sha256", f.sha256},
                          {"skipped_empty_records", f.skipped},
                          {"column_types", columns}});
    }
    return {{"format", "ecomops-snapshot/1"},
            {"source", source.toStdString()},
            {"options", options},
            {"report", report},
            {"created_at", createdAt.toUTC().toString(Qt::ISODate).toStdString()},
            {"files", files_}};
}

SnapshotMetadata SnapshotMetadata::fromJson(const nlohmann::json &json)
{
    SnapshotMetadata m;
    m.source = QString::fromStdString(json.at("source").get<std::string>());
    m.options = json.value("options", nlohmann::json::object());
    m.report = json.value("report", nlohmann::json::object());
    m.createdAt = QDateTime::fromString(QString::fromStdString(json.value("created_at", std::string())), Qt::ISODate);
    for (const auto &f : json.at("files")) {
        m.files.push_back({f.at("table").get<std::string>(), f.at("file").get<std::string>(),
                           f.at("rows").get<qint64>(), f.value("bytes", qint64(0)), f.value("sha256", std::string()),
                           f.value("skipped_empty_records", qint64(0))});
    }
    return m;
}

const SnapshotFile *SnapshotMetadata::file(const std::string &table) const
{
    for (const SnapshotFile &f : files) {
        if (f.table == table)
            return &f;
    }
    return nullptr;
}

QString Snapshot::directoryFor(const QString &stagingRoot, qint64 runId, const QDate &date)
{
    // The run id alone is not unique across databases sharing a staging
    // folder (a test cluster, a second server): a random suffix makes it so.
    const QString suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    return QDir(stagingRoot)
        .filePath(QStringLiteral("snapshot_date=%1/run-%2-%3").arg(date.toString(Qt::ISODate)).arg(runId).arg(suffix));
}

QString Snapshot::createDirectory(const QString &stagingRoot, qint64 runId, const QDate &date)
{
    const QString directory = QDir::cleanPath(QDir().absoluteFilePath(directoryFor(stagingRoot, runId, date)));
    const QString dateFolder = QFileInfo(directory).absolutePath();
    QString error;
    for (const QString &folder : {QDir::cleanPath(QDir().absoluteFilePath(stagingRoot)), dateFolder, directory}) {
        if (!createPrivateFolder(folder, &error))
            throw SnapshotError(error);
    }
    return directory;
}

QString Snapshot::filePath(const SnapshotFile &file) const
{
    return QDir(m_directory).filePath(QString::fromStdString(file.fileName));
}

Snapshot Snapshot::open(const QString &directory)
{
    const QDir dir(directory);
    if (!dir.exists())
        throw SnapshotError(QObject::tr("The snapshot folder %1 does not exist.").arg(directory));
    if (!QFileInfo::exists(dir.filePath(kSuccessFile)))
        throw SnapshotError(
            QObject::tr("The snapshot %1 is incomplete (it has no _SUCCESS marker) and will not be loaded.")
                .arg(directory));
    QFile metaFile(dir.filePath(kMetadataFile));
    if (!metaFile.open(QIODevice::ReadOnly))
        throw SnapshotError(QObject::tr("Cannot read %1: %2").arg(metaFile.fileName(), metaFile.errorString()));
    Snapshot snapshot;
    snapshot.m_directory = dir.absolutePath();
    try {
        snapshot.m_metadata = SnapshotMetadata::fromJson(nlohmann::json::parse(metaFile.readAll().toStdString()));
    } catch (const nlohmann::json::exception &e) {
        throw SnapshotError(
            QObject::tr("%1 is not valid snapshot metadata: %2").arg(metaFile.fileName(), QString::fromUtf8(e.what())));
    }
    for (const SnapshotFile &f : snapshot.m_metadata.files) {
        if (!QFileInfo::exists(snapshot.filePath(f)))
            throw SnapshotError(QObject::tr("The snapshot %1 lists %2, which is missing.")
                                    .arg(directory, QString::fromStdString(f.fileName)));
    }
    return snapshot;
}

Snapshot Snapshot::finalize(const QString &directory, SnapshotMetadata metadata,
                            const std::map<std::string, qint64> &knownRows,
                            const std::map<std::string, qint64> &skipped)
{
    const QDir dir(directory);
    metadata.files.clear();
    for (const TableSpec &table : catalog()) {
        const QString path = dir.filePath(QString::fromStdString(table.fileName()));
        if (!QFileInfo::exists(path))
            continue;
        SnapshotFile f{table.name, table.fileName(), -1, 0, {}, 0};
        f.sha256 = sha256Of(path, &f.bytes);
        const auto known = knownRows.find(table.name);
        f.rows = known != knownRows.end() ? known->second : countRecords(path);
        if (const auto it = skipped.find(table.name); it != skipped.end())
            f.skipped = it->second;
        metadata.files.push_back(f);
    }
    if (!metadata.createdAt.isValid())
        metadata.createdAt = QDateTime::currentDateTimeUtc();

    QSaveFile metaFile(dir.filePath(kMetadataFile));
    if (!metaFile.open(QIODevice::WriteOnly))
        throw SnapshotError(QObject::tr("Cannot write %1: %2").arg(metaFile.fileName(), metaFile.errorString()));
    // The report quotes the source; a byte that is not UTF-8 must not cost the run.
    metaFile.write(QByteArray::fromStdString(safeDump(metadata.toJson(), 2)));
    if (!metaFile.commit())
        throw SnapshotError(QObject::tr("Cannot write %1: %2").arg(metaFile.fileName(), metaFile.errorString()));
    // Sources write with the process umask; the folder is 0700 already, the
    // files are made private too (a copied folder keeps them so).
    for (const QFileInfo &file : dir.entryInfoList(QDir::Files | QDir::Hidden))
        QFile::setPermissions(file.absoluteFilePath(), kPrivateFile);
    // Last: its presence says everything above is complete.
    QFile success(dir.filePath(kSuccessFile));
    if (!success.open(QIODevice::WriteOnly))
        throw SnapshotError(QObject::tr("Cannot write %1: %2").arg(success.fileName(), success.errorString()));
    success.setPermissions(kPrivateFile);
    success.close();
    return open(directory);
}

} // namespace ecomops::staging
