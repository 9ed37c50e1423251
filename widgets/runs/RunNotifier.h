#pragma once
// Tells the operator a run ended, with its status and how many new anomalies
// it raised: a desktop notification through the system tray when there is
// one, otherwise a toast in the corner of the window, seen from whichever
// workspace is open.
#include "common/InlineMessage.h"
#include "runner/RunResult.h"

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QTimer;
class QWidget;

namespace ecomops::widgets {

class RunNotifier : public QObject
{
    Q_OBJECT
public:
    // The toast goes into `host`'s window.
    explicit RunNotifier(QWidget *host);

    void notify(const runner::RunResult &result);

    QString lastTitle() const { return m_lastTitle; }
    QString lastMessage() const { return m_lastMessage; }
    bool usedTray() const { return m_usedTray; }
    InlineMessage *toast() const { return m_toast; } // null until the first toast

    static QString title(const runner::RunResult &result);
    static QString message(const runner::RunResult &result);

    static constexpr int kToastMs = 20000;

signals:
    // The user clicked the notification.
    void activated();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showToast(const runner::RunResult &result);
    void placeToast();

    QWidget *m_host;
    QPointer<InlineMessage> m_toast;
    QTimer *m_hideTimer;
    QSystemTrayIcon *m_tray = nullptr;
    QString m_lastTitle;
    QString m_lastMessage;
    bool m_usedTray = false;
};

} // namespace ecomops::widgets
