#include "common/NavigationSidebar.h"

#include "common/Icons.h"
#include "common/Theme.h"
#include "common/WorkspaceModel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace ecomops::widgets {

namespace {

constexpr int sidebarWidth = 232;
constexpr int iconSize = 20;

// A rounded, accent-tinted pill for the current workspace; the shortcut in
// muted text at the right.
class NavigationDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return {option.rect.width(), qMax(40, option.fontMetrics.height() * 2 + 8)};
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QPalette &palette = option.palette;
        const QColor accent = index.data(WorkspaceModel::AccentRole).value<QColor>();
        const bool selected = option.state & QStyle::State_Selected;
        const bool hovered = option.state & QStyle::State_MouseOver;
        const QRectF pill = QRectF(option.rect).adjusted(10, 2, -10, -2);

        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        if (selected || hovered) {
            QColor fill = selected ? accent : palette.color(QPalette::Text);
            fill.setAlphaF(selected ? (theme::isDark(palette) ? 0.26f : 0.13f) : 0.06f);
            painter->setPen(Qt::NoPen);
            painter->setBrush(fill);
            painter->drawRoundedRect(pill, 8, 8);
        }
        if (selected) {
            painter->setBrush(accent);
            painter->drawRoundedRect(QRectF(pill.left() + 2, pill.top() + 9, 3, pill.height() - 18), 1.5, 1.5);
        }

        const QRectF iconRect(pill.left() + 14, pill.center().y() - iconSize / 2.0, iconSize, iconSize);
        index.data(Qt::DecorationRole).value<QIcon>().paint(painter, iconRect.toRect());

        const QFont shortcutFont = theme::scaledFont(option.font, 0.88);
        const QString shortcut = index.data(WorkspaceModel::ShortcutRole).toString();
        const int shortcutWidth = QFontMetrics(shortcutFont).horizontalAdvance(shortcut);
        const QRectF shortcutRect(pill.right() - 12 - shortcutWidth, pill.top(), shortcutWidth, pill.height());
        painter->setFont(shortcutFont);
        painter->setPen(theme::mutedText(palette, QPalette::Window));
        painter->drawText(shortcutRect, Qt::AlignRight | Qt::AlignVCenter, shortcut);

        QFont titleFont = option.font;
        titleFont.setWeight(selected ? QFont::DemiBold : QFont::Normal);
        const QRectF titleRect(iconRect.right() + 12, pill.top(), shortcutRect.left() - iconRect.right() - 18,
                               pill.height());
        painter->setFont(titleFont);
        painter->setPen(palette.color(QPalette::WindowText));
        const QString title = QFontMetrics(titleFont).elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight,
                                                                 int(titleRect.width()));
        painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, title);
        painter->restore();
    }
};

} // namespace

NavigationSidebar::NavigationSidebar(QWidget *parent)
    : QWidget(parent), m_logo(new QLabel(this)), m_name(new QLabel(tr("EcomOps"), this)),
      m_tagline(new QLabel(tr("Warehouse console"), this)), m_section(new QLabel(tr("WORKSPACES"), this)),
      m_view(new QListView(this)), m_version(new QLabel(tr("Version %1").arg(QStringLiteral(ECOMOPS_VERSION)), this))
{
    setFixedWidth(sidebarWidth);

    m_logo->setPixmap(icons::icon(icons::Glyph::App).pixmap(QSize(36, 36), devicePixelRatioF()));
    m_logo->setFixedSize(36, 36);
    m_name->setFont(theme::scaledFont(font(), 1.25, QFont::Bold));
    m_section->setFont(theme::scaledFont(font(), 0.82, QFont::DemiBold));
    m_version->setFont(theme::scaledFont(font(), 0.88, QFont::Normal));

    QHBoxLayout *brand = theme::titleRow(m_logo, m_name, m_tagline, 0);
    brand->setContentsMargins(20, 18, 16, 0);
    brand->setSpacing(10);

    m_view->setObjectName(QStringLiteral("workspaceNavigation"));
    m_view->setItemDelegate(new NavigationDelegate(m_view));
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setUniformItemSizes(true);
    m_view->setSpacing(0);
    m_view->setMouseTracking(true);
    m_view->viewport()->setAttribute(Qt::WA_Hover);
    m_view->viewport()->setAutoFillBackground(false);
    m_view->setAutoFillBackground(false);
    m_view->setIconSize(QSize(iconSize, iconSize));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 1, 14);
    layout->setSpacing(0);
    layout->addLayout(brand);
    layout->addSpacing(26);
    auto *section = new QHBoxLayout;
    section->setContentsMargins(22, 0, 16, 6);
    section->addWidget(m_section);
    layout->addLayout(section);
    layout->addWidget(m_view, 1);
    auto *footer = new QHBoxLayout;
    footer->setContentsMargins(22, 0, 16, 0);
    footer->addWidget(m_version);
    layout->addLayout(footer);

    applyColors();
}

void NavigationSidebar::setModel(QAbstractItemModel *model)
{
    m_view->setModel(model);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { emit currentRowChanged(current.row()); });
}

int NavigationSidebar::currentRow() const
{
    return m_view->currentIndex().row();
}

void NavigationSidebar::setCurrentRow(int row)
{
    if (!m_view->model() || row == currentRow())
        return;
    m_view->setCurrentIndex(m_view->model()->index(row, 0));
}

void NavigationSidebar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    painter.fillRect(QRect(width() - 1, 0, 1, height()), theme::separator(palette()));
}

void NavigationSidebar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void NavigationSidebar::applyColors()
{
    for (QLabel *label : {m_tagline, m_section, m_version})
        theme::setMutedText(label, palette(), QPalette::Window);

    QPalette list = palette();
    list.setColor(QPalette::Base, Qt::transparent);
    m_view->setPalette(list);
    if (auto *model = qobject_cast<WorkspaceModel *>(m_view->model()))
        model->paletteChanged();
}

} // namespace ecomops::widgets
