#include "connection/ConnectionIndicator.h"

#include "common/ElidedLabel.h"
#include "connection/ConnectionController.h"

#include <QHBoxLayout>
#include <QMouseEvent>
#include <QPainter>

namespace ecomops::widgets {

namespace {

constexpr int dotSize = 10;
constexpr int dotMargin = 4;

QColor dotColor(ConnectionIndicator::State state, const QPalette &palette)
{
    switch (state) {
    case ConnectionIndicator::State::Connected:
        return QColor(0x22, 0xa5, 0x59);
    case ConnectionIndicator::State::Connecting:
    case ConnectionIndicator::State::NeedsAttention:
        return QColor(0xe0, 0x9b, 0x00);
    case ConnectionIndicator::State::Failed:
        return QColor(0xdc, 0x3c, 0x3c);
    case ConnectionIndicator::State::Idle:
        break;
    }
    return palette.color(QPalette::Disabled, QPalette::WindowText);
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

ConnectionIndicator::ConnectionIndicator(ConnectionController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_label(new ElidedLabel(this))
{
    setObjectName(QStringLiteral("connectionIndicator"));
    setCursor(Qt::PointingHandCursor);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(dotMargin + dotSize + 8, 2, 6, 2);
    layout->addWidget(m_label, 1);

    connect(controller, &ConnectionController::statusChanged, this, &ConnectionIndicator::refresh);
    connect(controller, &ConnectionController::busyChanged, this, &ConnectionIndicator::refresh);
    connect(controller, &ConnectionController::profileChanged, this, &ConnectionIndicator::refresh);
    refresh();
}

QString ConnectionIndicator::text() const
{
    return m_label->text();
}

void ConnectionIndicator::refresh()
{
    const db::ServerStatus &status = m_controller->status();
    QString text;
    QString tip;
    if (m_controller->isBusy()) {
        m_state = State::Connecting;
        text = tr("Connecting to %1…").arg(m_controller->targetDescription());
        tip = text;
    } else if (status.connected) {
        text = connectedText(status, &m_state);
        tip = detailsToolTip(status);
    } else if (!status.error.isEmpty()) {
        m_state = State::Failed;
        text = tr("Not connected: %1").arg(status.error);
        tip = QStringLiteral("<p><b>%1</b></p><p>%2</p><pre>%3</pre>")
                  .arg(status.error.toHtmlEscaped(),
                       tr("Connection: %1").arg(m_controller->targetDescription()).toHtmlEscaped(),
                       status.errorDetail.toHtmlEscaped());
    } else {
        m_state = State::Idle;
        text = tr("Not connected");
        tip = text;
    }
    m_label->setText(text);
    setToolTip(tip + QStringLiteral("<p><i>%1</i></p>").arg(tr("Click to change the connection settings.")));
    setAccessibleName(text);
    update();
}

QString ConnectionIndicator::connectedText(const db::ServerStatus &status, State *state) const
{
    const bool embedded = m_controller->profile().mode == db::ConnectionProfile::Mode::Embedded;
    const QString where = embedded ? tr("the embedded database") : status.server;
    QString schema;
    *state = State::NeedsAttention;
    if (status.schemaVersion == 0) {
        schema = tr("no EcomOps schema yet");
    } else if (status.schemaVersion < status.schemaAvailable) {
        schema = tr("schema %1/%2, needs migration").arg(status.schemaVersion).arg(status.schemaAvailable);
    } else if (status.schemaVersion > status.schemaAvailable) {
        schema = tr("schema %1/%2, newer than this console").arg(status.schemaVersion).arg(status.schemaAvailable);
    } else {
        schema = tr("schema %1/%2, migrated").arg(status.schemaVersion).arg(status.schemaAvailable);
        *state = State::Connected;
    }
    return tr("Connected to %1 as %2 — database %3, %4").arg(where, status.role, status.database, schema);
}

QString ConnectionIndicator::detailsToolTip(const db::ServerStatus &status) const
{
    QString role = status.role;
    if (status.superuser)
        role += tr(" (superuser)");
    else if (!status.groupRoles.isEmpty())
        role += tr(" (%1)").arg(status.groupRoles.join(QStringLiteral(", ")));
    return QStringLiteral("<table>") + row(tr("Server"), status.server) + row(tr("Database"), status.database) +
           row(tr("Role"), role) + row(tr("PostgreSQL"), status.serverVersion) +
           row(tr("Schema"),
               tr("version %1 (this console ships %2)").arg(status.schemaVersion).arg(status.schemaAvailable)) +
           row(tr("Connection"), m_controller->targetDescription()) + QStringLiteral("</table>");
}

void ConnectionIndicator::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit clicked();
    QWidget::mouseReleaseEvent(event);
}

void ConnectionIndicator::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor color = dotColor(m_state, palette());
    const QRectF dot(dotMargin, (height() - dotSize) / 2.0, dotSize, dotSize);
    QColor halo = color;
    halo.setAlphaF(0.25f);
    painter.setPen(Qt::NoPen);
    painter.setBrush(halo);
    painter.drawEllipse(dot.adjusted(-2.5, -2.5, 2.5, 2.5));
    painter.setBrush(color);
    painter.drawEllipse(dot);
}

} // namespace ecomops::widgets
