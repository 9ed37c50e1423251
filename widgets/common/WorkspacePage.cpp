#include "common/WorkspacePage.h"

#include "common/EmptyState.h"
#include "common/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace ecomops::widgets {

namespace {

class Hairline : public QWidget
{
public:
    explicit Hairline(QWidget *parent) : QWidget(parent) { setFixedHeight(1); }

protected:
    void paintEvent(QPaintEvent *) override { QPainter(this).fillRect(rect(), theme::separator(palette())); }
};

} // namespace

WorkspacePage::WorkspacePage(Workspace workspace, ConnectionController *connection, QWidget *parent)
    : QWidget(parent), m_workspace(workspace), m_connection(connection), m_badge(new GlyphBadge(44, this)),
      m_title(new QLabel(workspaceTitle(workspace), this)), m_summary(new QLabel(workspaceSummary(workspace), this)),
      m_headerActions(new QHBoxLayout), m_contentLayout(new QVBoxLayout), m_emptyState(new EmptyState(this)),
      m_content(m_emptyState)
{
    setObjectName(workspaceKey(workspace) + QStringLiteral("Page"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);

    m_title->setFont(theme::scaledFont(font(), 1.6, QFont::DemiBold));
    m_title->setObjectName(QStringLiteral("workspaceTitle"));

    QHBoxLayout *header = theme::titleRow(m_badge, m_title, m_summary, 2);
    header->setContentsMargins(28, 20, 28, 18);
    header->setSpacing(14);
    m_headerActions->setSpacing(8);
    header->addLayout(m_headerActions);

    m_contentLayout->setContentsMargins(0, 0, 0, 0);
    m_contentLayout->addWidget(m_emptyState);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(new Hairline(this));
    layout->addLayout(m_contentLayout, 1);

    applyColors();
}

void WorkspacePage::setContent(QWidget *content)
{
    if (content == m_content)
        return;
    m_contentLayout->removeWidget(m_content);
    if (m_content == m_emptyState) {
        m_emptyState->hide();
    } else {
        m_content->deleteLater();
    }
    m_content = content;
    m_contentLayout->addWidget(content);
    content->show();
}

void WorkspacePage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void WorkspacePage::applyColors()
{
    const QColor accent = workspaceAccent(m_workspace, palette());
    m_badge->setGlyph(workspaceGlyph(m_workspace), accent);
    m_emptyState->setGlyph(workspaceGlyph(m_workspace), accent);
    theme::setMutedText(m_summary, palette(), QPalette::Base);
}

} // namespace ecomops::widgets
