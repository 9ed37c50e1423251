#pragma once
// The status bar's answer to "which database am I on, as whom, and is it
// ready?": a coloured dot and one line of text, the details in the tooltip.
// Clicking it asks for the connection settings.
#include "database/ServerStatus.h"

#include <QWidget>

namespace ecomops::widgets {

class ConnectionController;
class ElidedLabel;

class ConnectionIndicator : public QWidget
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Connected, NeedsAttention, Failed };
    Q_ENUM(State)

    explicit ConnectionIndicator(ConnectionController *controller, QWidget *parent = nullptr);

    State state() const { return m_state; }
    QString text() const;

signals:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void refresh();
    QString connectedText(const db::ServerStatus &status, State *state) const;
    QString detailsToolTip(const db::ServerStatus &status) const;

    ConnectionController *m_controller;
    ElidedLabel *m_label;
    State m_state = State::Idle;
};

} // namespace ecomops::widgets
