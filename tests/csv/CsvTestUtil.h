#pragma once
// Helpers shared by the CSV suites: files from bytes, and a readable
// rendering of what a reader returned.

#include "csv/Reader.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <QtGlobal>

#include <string>
#include <string_view>

namespace ecomops::csv::test {

inline QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

inline std::string stdPath(const QString &path)
{
    return path.toStdString();
}

/// Writes `content` to `name` inside `dir` and returns its path.
inline QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write test file %s", qPrintable(path));
    return path;
}

/// CR and LF made visible, so an expectation fits on one line.
inline QByteArray visible(std::string_view text)
{
    QByteArray out = bytes(text);
    out.replace('\r', "\\r");
    out.replace('\n', "\\n");
    return out;
}

/// One line per outcome: `3: a||"b"` for a record starting on line 3 (quoted
/// fields shown in quotes, so `||` is a NULL and `""` an empty string), and
/// `5: !stray quote@2` for a malformed record with its defect and column.
inline QByteArray render(const Reader &reader, Outcome outcome)
{
    if (outcome == Outcome::Malformed) {
        const Malformed &bad = reader.malformed();
        QByteArray out = QByteArray::number(bad.line) + ": !" + bytes(defectName(bad.defect));
        if (bad.column != 0)
            out += "@" + QByteArray::number(bad.column);
        return out;
    }
    const Record &record = reader.record();
    QByteArray out = QByteArray::number(record.line) + ": ";
    for (std::size_t i = 0; i < record.size(); ++i) {
        if (i)
            out += '|';
        const QByteArray value = visible(record.fields[i]);
        out += record.quoted[i] ? QByteArray('"' + value + '"') : value;
    }
    return out;
}

inline QByteArrayList renderAll(Reader &reader)
{
    QByteArrayList out;
    for (Outcome outcome = reader.next(); outcome != Outcome::End; outcome = reader.next())
        out << render(reader, outcome);
    return out;
}

} // namespace ecomops::csv::test
