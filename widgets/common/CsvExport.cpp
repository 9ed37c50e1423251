#include "common/CsvExport.h"

#include "csv/Writer.h"

#include <QFile>

#include <exception>

namespace ecomops::widgets {

void writeCsvRecord(csv::Writer &writer, const QStringList &record)
{
    for (const QString &field : record)
        writer.field(field.toStdString());
    writer.endRecord();
}

QString writeCsvRecords(const QString &path, const std::vector<QStringList> &records)
{
    try {
        csv::Writer writer(QFile::encodeName(path).toStdString());
        for (const QStringList &record : records)
            writeCsvRecord(writer, record);
        writer.close();
        return {};
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
}

} // namespace ecomops::widgets
