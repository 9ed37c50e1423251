#pragma once
// Shared by the source adapter suites: writing source files byte for byte,
// reading back a staged CSV, running an adapter with a RecordingObserver.
#include "RecordingObserver.h"
#include "csv/Reader.h"
#include "sources/SourceAdapter.h"

#include <QDir>
#include <QFile>
#include <QString>

#include <map>
#include <string>
#include <vector>

namespace ecomops::test {

inline void writeBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
}

using StagedRow = std::map<std::string, std::string>; // column → value ("" for NULL)

// The staged table's rows, in file order.
inline std::vector<StagedRow> readStaged(const QString &directory, const std::string &table)
{
    csv::Reader reader(
        QFile::encodeName(QDir(directory).filePath(QString::fromStdString(table + ".csv"))).toStdString());
    std::vector<StagedRow> rows;
    while (reader.next() == csv::Outcome::Record) {
        StagedRow row;
        for (std::size_t i = 0; i < reader.header().size(); ++i)
            row[reader.header()[i]] = std::string(reader.record().fields[i]);
        rows.push_back(std::move(row));
    }
    return rows;
}

inline const StagedRow *findRow(const std::vector<StagedRow> &rows, const std::string &column, const std::string &value)
{
    for (const StagedRow &r : rows) {
        const auto it = r.find(column);
        if (it != r.end() && it->second == value)
            return &r;
    }
    return nullptr;
}

// Runs the adapter of `kind` into `directory` (created empty).
inline sources::SourceResult produce(const QString &kind, const nlohmann::json &options, const QString &directory,
                                     RecordingObserver &observer)
{
    QDir(directory).removeRecursively();
    QDir().mkpath(directory);
    const sources::SourceAdapter *adapter = sources::findSource(kind);
    if (!adapter)
        throw std::runtime_error("no adapter " + kind.toStdString());
    CancelToken cancel;
    return adapter->produce(options, directory, observer, cancel);
}

inline bool folderIsEmpty(const QString &directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty();
}

} // namespace ecomops::test
