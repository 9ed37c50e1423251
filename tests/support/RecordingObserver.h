#pragma once
// A StageObserver that remembers what a stage told it (progress events, log
// lines with their level, finished tables) and cancels on request: set
// `cancel`, or let it answer yes after a given number of checks.
#include "core/Progress.h"

#include <QList>
#include <QStringList>

#include <atomic>

namespace ecomops::test {

class RecordingObserver : public StageObserver
{
public:
    void progress(const QString &, qint64, qint64) override { ++progressEvents; }
    void log(LogLevel level, const QString &message) override;
    void tableFinished(const TableCounts &counts) override { finished.append(counts); }
    bool cancelRequested() const override;

    // Cancel once cancelRequested() has been asked this many times (-1: never).
    int cancelAfterChecks = -1;
    std::atomic<bool> cancel{false};

    int progressEvents = 0;
    QStringList logs;
    QList<TableCounts> finished;
    TableCounts counts(const QString &table) const; // the last one reported for the table

private:
    mutable int m_checks = 0;
};

} // namespace ecomops::test
