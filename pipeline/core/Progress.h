#pragma once
// The shared vocabulary of every stage: progress events, log lines, per-table
// counts, and the observer a stage reports to. Stages never know whether a
// window, a terminal or a test is listening.
#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <cstdint>

namespace ecomops {

enum class LogLevel { Debug, Info, Warning, Error };
QString toString(LogLevel level);
LogLevel logLevelFromString(const QString &text);

enum class TableState { Queued, Running, Succeeded, Failed, Cancelled, Skipped };
QString toString(TableState state);

struct ProgressEvent {
    QString stage; // source, stage, load, validate, transform, detect, marts
    QString table; // empty for a stage-wide step
    TableState state = TableState::Running;
    qint64 rowsDone = 0;
    qint64 rowsExpected = -1; // -1 when unknown
    double rowsPerSecond = 0;
    qint64 elapsedMs = 0;
    qint64 etaMs = -1; // -1 when unknown
};

struct LogLine {
    QDateTime at;
    LogLevel level = LogLevel::Info;
    QString stage;
    QString message;
};

// Per table and stage: read = loaded + quarantined when it succeeded.
struct TableCounts {
    QString stage;
    QString table;
    qint64 read = 0;
    qint64 loaded = 0;
    qint64 quarantined = 0; // at load or by the validate stage's set rules
    qint64 rejected = 0;    // by the transform: unresolvable references (split-stream)
    qint64 skipped = 0;     // records in which every field was empty (spreadsheet padding)
    // Nothing is lost: every row read is accounted for.
    bool reconciles() const { return read == loaded + quarantined + rejected + skipped; }
    // Of the rows that were not empty records, the share that reached the
    // warehouse (1 when there were none).
    double reachedShare() const
    {
        const qint64 counted = read - skipped;
        return counted > 0 ? double(loaded) / double(counted) : 1.0;
    }
};

// What a stage reports to. Implemented by the runner, which throttles
// progress to a few events a second and forwards to whoever listens.
class StageObserver
{
public:
    virtual ~StageObserver() = default;
    virtual void progress(const QString &table, qint64 rowsDone, qint64 rowsExpected) = 0;
    virtual void log(LogLevel level, const QString &message) = 0;
    virtual void tableFinished(const TableCounts &counts) = 0;
    // Checked between batches; statements in flight are interrupted by the
    // runner with a cancel request, which surfaces as an exception.
    virtual bool cancelRequested() const = 0;
};

} // namespace ecomops

Q_DECLARE_METATYPE(ecomops::ProgressEvent)
Q_DECLARE_METATYPE(ecomops::LogLine)
Q_DECLARE_METATYPE(ecomops::TableCounts)
