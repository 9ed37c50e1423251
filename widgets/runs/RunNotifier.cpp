#include "runs/RunNotifier.h"

#include "common/Icons.h"
#include "common/InlineMessage.h"
#include "runs/RunText.h"

#include <QEvent>
#include <QGraphicsDropShadowEffect>
#include <QMainWindow>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>

namespace ecomops::widgets {

RunNotifier::RunNotifier(QWidget *host) : QObject(host), m_host(host), m_hideTimer(new QTimer(this))
{
    m_hideTimer->setSingleShot(true);
    m_hideTimer->setInterval(kToastMs);
    connect(m_hideTimer, &QTimer::timeout, this, [this] {
        if (m_toast)
            m_toast->hide();
    });
}

QString RunNotifier::title(const runner::RunResult &result)
{
    switch (result.status) {
    case runner::RunStatus::Succeeded:
        return tr("Run %1 succeeded").arg(result.runId);
    case runner::RunStatus::Failed:
        return tr("Run %1 failed").arg(result.runId);
    case runner::RunStatus::Cancelled:
        return tr("Run %1 was cancelled").arg(result.runId);
    default:
        break;
    }
    return tr("Run %1 ended").arg(result.runId);
}

QString RunNotifier::message(const runner::RunResult &result)
{
    const QString took = RunText::duration(qint64(result.seconds * 1000));
    switch (result.status) {
    case runner::RunStatus::Succeeded: {
        QString text = tr("%1 rows loaded and %2 quarantined in %3; %4.")
                           .arg(RunText::count(result.rowsLoaded), RunText::count(result.rowsQuarantined), took,
                                RunText::newAnomalies(result.newAnomalies));
        if (!result.gateStatus.isEmpty())
            text += QLatin1Char(' ') + RunText::gate(result.gateStatus) + QLatin1Char('.');
        return text;
    }
    case runner::RunStatus::Failed:
        return tr("After %1: %2").arg(took, RunText::runError(result.error));
    case runner::RunStatus::Cancelled:
        return tr("Stopped after %1; the warehouse is as it was before the run.").arg(took);
    default:
        break;
    }
    return {};
}

void RunNotifier::notify(const runner::RunResult &result)
{
    m_lastTitle = title(result);
    m_lastMessage = message(result);
    const Tone tone = toneOf(result.status);
    m_usedTray = QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages();
    if (m_usedTray) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(icons::icon(icons::Glyph::App), this);
            m_tray->setToolTip(tr("EcomOps Console"));
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, &RunNotifier::activated);
            connect(m_tray, &QSystemTrayIcon::activated, this, &RunNotifier::activated);
        }
        m_tray->show();
        const auto icon = tone == Tone::Bad       ? QSystemTrayIcon::Critical
                          : tone == Tone::Warning ? QSystemTrayIcon::Warning
                                                  : QSystemTrayIcon::Information;
        m_tray->showMessage(m_lastTitle, m_lastMessage, icon, 10000);
        // The icon is only there to carry the message.
        QTimer::singleShot(15000, m_tray, &QSystemTrayIcon::hide);
        return;
    }
    showToast(result);
}

void RunNotifier::showToast(const runner::RunResult &result)
{
    QWidget *window = m_host->window();
    if (!m_toast || m_toast->parentWidget() != window) {
        delete m_toast;
        m_toast = new InlineMessage(window);
        m_toast->setObjectName(QStringLiteral("runToast"));
        m_toast->setAutoFillBackground(false);
        auto *shadow = new QGraphicsDropShadowEffect(m_toast);
        shadow->setBlurRadius(24);
        shadow->setOffset(0, 4);
        shadow->setColor(QColor(0, 0, 0, 70));
        m_toast->setGraphicsEffect(shadow);
        window->installEventFilter(this);
    }
    m_toast->showMessage(toneOf(result.status), m_lastTitle, m_lastMessage);
    placeToast();
    m_toast->raise();
    m_hideTimer->start();
}

void RunNotifier::placeToast()
{
    if (!m_toast)
        return;
    QWidget *window = m_toast->parentWidget();
    int bottom = window->height() - 20;
    if (auto *main = qobject_cast<QMainWindow *>(window); main && main->statusBar()->isVisible())
        bottom -= main->statusBar()->height();
    const int width = std::min(460, window->width() - 40);
    const int height = m_toast->hasHeightForWidth() ? m_toast->heightForWidth(width) : m_toast->sizeHint().height();
    m_toast->setGeometry(window->width() - width - 20, bottom - height, width, height);
}

bool RunNotifier::eventFilter(QObject *watched, QEvent *event)
{
    if (m_toast && watched == m_toast->parentWidget() && event->type() == QEvent::Resize)
        placeToast();
    return QObject::eventFilter(watched, event);
}

} // namespace ecomops::widgets
