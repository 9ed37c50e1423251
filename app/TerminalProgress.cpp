#include "TerminalProgress.h"

#include "Terminal.h"

#include <cstdio>

namespace ecomops::app {
namespace {

QString humanCount(double n)
{
    if (n >= 1e6)
        return QString::number(n / 1e6, 'f', 2) + QLatin1Char('M');
    if (n >= 1e4)
        return QString::number(n / 1e3, 'f', 0) + QLatin1Char('k');
    return QString::number(qint64(n));
}

} // namespace

TerminalProgress::TerminalProgress(bool interactive, QObject *parent) : QObject(parent), m_interactive(interactive)
{
    m_clock.start();
}

QString TerminalProgress::renderLine(const ProgressEvent &e) const
{
    const QString name = QString(e.stage + QLatin1Char(' ') + e.table).leftJustified(28, QLatin1Char(' '), true);
    QString bar;
    QString percent = QStringLiteral("    ");
    if (e.rowsExpected > 0) {
        const double share = qBound(0.0, double(e.rowsDone) / double(e.rowsExpected), 1.0);
        const int width = 24;
        const int filled = int(share * width);
        bar = QLatin1Char('[') + QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('.')) +
              QLatin1Char(']');
        percent = QString::number(int(share * 100)).rightJustified(3) + QLatin1Char('%');
    } else {
        bar = QLatin1Char('[') + QString(24, QLatin1Char(' ')) + QLatin1Char(']');
    }
    QString text = name + QLatin1Char(' ') + bar + QLatin1Char(' ') + percent + QStringLiteral("  ") +
                   humanCount(double(e.rowsDone)).rightJustified(7) + QStringLiteral(" rows  ") +
                   humanCount(e.rowsPerSecond).rightJustified(7) + QStringLiteral(" rows/s");
    if (e.state == TableState::Succeeded)
        text += QStringLiteral("  done");
    else if (e.etaMs >= 0)
        text += QStringLiteral("  ETA %1 s").arg(double(e.etaMs) / 1000.0, 0, 'f', 1);
    return text;
}

void TerminalProgress::onProgress(const ProgressEvent &event)
{
    const QString key = event.stage + QLatin1Char('/') + event.table;
    if (!m_rows.contains(key))
        m_order << key;
    m_rows[key] = event;
    if (m_interactive) {
        redraw();
        return;
    }
    const qint64 now = m_clock.elapsed();
    const bool done = event.state == TableState::Succeeded;
    if (done || now - m_lastPlainMs.value(key, -10000) >= 2000) {
        m_lastPlainMs[key] = now;
        err(renderLine(event));
    }
}

void TerminalProgress::redraw()
{
    QString text;
    if (m_drawnLines > 0)
        text += QStringLiteral("\x1b[%1F").arg(m_drawnLines); // back to the first bar
    for (const QString &key : std::as_const(m_order))
        text += QStringLiteral("\x1b[2K") + renderLine(m_rows.value(key)) + QLatin1Char('\n');
    m_drawnLines = int(m_order.size());
    std::fputs(text.toUtf8().constData(), stderr);
    std::fflush(stderr);
}

void TerminalProgress::onLog(const LogLine &line)
{
    if (line.level == LogLevel::Debug)
        return;
    const QString text = QStringLiteral("%1 %2 [%3] %4")
                             .arg(line.at.toString(QStringLiteral("HH:mm:ss")), toString(line.level).leftJustified(7),
                                  line.stage, line.message);
    if (m_interactive) {
        // Log lines go above the bars; the bars are drawn again below them.
        if (m_drawnLines > 0)
            std::fputs(QStringLiteral("\x1b[%1F\x1b[J").arg(m_drawnLines).toUtf8().constData(), stderr);
        m_drawnLines = 0;
        err(text);
        redraw();
    } else {
        err(text);
    }
}

void TerminalProgress::finish()
{
    if (m_interactive)
        redraw();
}

} // namespace ecomops::app
