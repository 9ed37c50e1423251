#pragma once
// A staging snapshot: <staging>/snapshot_date=YYYY-MM-DD/run-<id>/ holding one
// CSV per table, _metadata.json (source, options, row counts, per-file
// checksums, column types, created at) and a _SUCCESS marker written last.
// A folder without _SUCCESS is incomplete and is never loaded.
#include <QDateTime>
#include <QString>

#include <nlohmann/json.hpp>

#include <map>
#include <stdexcept>
#include <vector>

namespace ecomops::staging {

class SnapshotError : public std::runtime_error
{
public:
    explicit SnapshotError(const QString &message) : std::runtime_error(message.toStdString()), m_message(message) {}
    QString message() const { return m_message; }

private:
    QString m_message;
};

struct SnapshotFile {
    std::string table;    // "orders"
    std::string fileName; // "orders.csv"
    qint64 rows = -1;     // data records (header excluded)
    qint64 bytes = 0;
    std::string sha256;
    qint64 skipped = 0; // source records of this table skipped as empty ("skipped_empty_records")
};

struct SnapshotMetadata {
    QString source;         // synthetic, olist, txnlog, sourcedb, ...
    nlohmann::json options; // the source's options (seed included)
    nlohmann::json report;  // what the source understood: mappings, date formats, ignored columns
    QDateTime createdAt;
    std::vector<SnapshotFile> files;

    nlohmann::json toJson() const;
    static SnapshotMetadata fromJson(const nlohmann::json &json);
    const SnapshotFile *file(const std::string &table) const;
};

class Snapshot
{
public:
    // Opens a complete snapshot; throws SnapshotError naming what is wrong
    // (no _SUCCESS, unreadable metadata, a listed file missing).
    static Snapshot open(const QString &directory);

    // The folder a new snapshot of run `runId` goes to (not yet created).
    static QString directoryFor(const QString &stagingRoot, qint64 runId, const QDate &date);
    // directoryFor(), created: the staging root, the date folder and the
    // run's folder are 0700, whatever the umask (snapshots hold customers'
    // names, e-mails and phone numbers). Throws SnapshotError.
    static QString createDirectory(const QString &stagingRoot, qint64 runId, const QDate &date);

    // Writes _metadata.json for the table files present in `directory`
    // (checksums computed here; row counts taken from knownRows where the
    // source counted them, else counted; empty source records skipped per
    // table from `skipped`), then _SUCCESS. Every file in the folder is left
    // 0600.
    static Snapshot finalize(const QString &directory, SnapshotMetadata metadata,
                             const std::map<std::string, qint64> &knownRows = {},
                             const std::map<std::string, qint64> &skipped = {});

    QString directory() const { return m_directory; }
    const SnapshotMetadata &metadata() const { return m_metadata; }
    QString filePath(const SnapshotFile &file) const;

private:
    QString m_directory;
    SnapshotMetadata m_metadata;
};

} // namespace ecomops::staging
