#pragma once
// Writes records to a CSV file (RFC 4180, UTF-8). Blocking: call it from a
// worker thread. Returns the error in words, or an empty string.
#include <QStringList>

#include <vector>

namespace ecomops::csv {
class Writer;
}

namespace ecomops::widgets {

QString writeCsvRecords(const QString &path, const std::vector<QStringList> &records);
// One record to an open writer (for exports written page by page).
void writeCsvRecord(csv::Writer &writer, const QStringList &record);

} // namespace ecomops::widgets
