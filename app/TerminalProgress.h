#pragma once
// Shows a run's progress on a terminal: one bar per table, redrawn in place
// on a TTY; plain lines (a few per table) when output is a file or a pipe.
#include "core/Progress.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>

namespace ecomops::app {

class TerminalProgress : public QObject
{
    Q_OBJECT
public:
    explicit TerminalProgress(bool interactive, QObject *parent = nullptr);

    void onProgress(const ecomops::ProgressEvent &event);
    void onLog(const ecomops::LogLine &line);
    void finish();

private:
    void redraw();
    QString renderLine(const ProgressEvent &event) const;

    bool m_interactive;
    QMap<QString, ProgressEvent> m_rows; // by stage/table, in order of appearance
    QStringList m_order;
    QMap<QString, qint64> m_lastPlainMs;
    QElapsedTimer m_clock;
    int m_drawnLines = 0;
};

} // namespace ecomops::app
