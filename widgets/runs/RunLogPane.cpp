#include "runs/RunLogPane.h"

#include "common/Theme.h"
#include "runs/RunLogModel.h"
#include "runs/RunText.h"
#include "runs/RunViews.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ecomops::widgets {

RunLogPane::RunLogPane(RunLogModel *model, const QString &settingsKey, QWidget *parent)
    : QWidget(parent), m_model(model), m_proxy(new LogFilterProxy(this)), m_settingsKey(settingsKey),
      m_level(new QComboBox(this)), m_search(new QLineEdit(this)), m_view(new QTableView(this))
{
    m_proxy->setSourceModel(model);

    auto *caption = new QLabel(tr("Log"), this);
    caption->setFont(theme::scaledFont(font(), 1.0, QFont::DemiBold));
    m_level->setObjectName(QStringLiteral("logLevelFilter"));
    m_level->setAccessibleName(tr("Minimum log level"));
    m_level->addItem(tr("All messages"), int(LogLevel::Debug));
    m_level->addItem(tr("Info and above"), int(LogLevel::Info));
    m_level->addItem(tr("Warnings and errors"), int(LogLevel::Warning));
    m_level->addItem(tr("Errors only"), int(LogLevel::Error));
    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setPlaceholderText(tr("Filter messages"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Filter log messages"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->setSpacing(8);
    bar->addWidget(caption);
    bar->addStretch(1);
    bar->addWidget(m_level);
    bar->addWidget(m_search, 1);

    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setModel(m_proxy);
    setUpRunTable(m_view);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(RunLogModel::TimeColumn, 72);
    m_view->setColumnWidth(RunLogModel::LevelColumn, 74);
    m_view->setColumnWidth(RunLogModel::StageColumn, 80);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    QSettings settings;
    const int level = settings.value(m_settingsKey + QStringLiteral("/level"), int(LogLevel::Info)).toInt();
    m_level->setCurrentIndex(std::max(0, m_level->findData(level)));
    m_proxy->setMinimumLevel(LogLevel(m_level->currentData().toInt()));
    restoreHeaderState(m_view, m_settingsKey + QStringLiteral("/columns"));

    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setMinimumLevel(LogLevel(m_level->currentData().toInt())); });
    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    // Follow the tail while the user has not scrolled up to read.
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this](int value) { m_atBottom = value >= m_view->verticalScrollBar()->maximum() - 2; });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &RunLogPane::followNewLines);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &RunLogPane::followNewLines);
}

RunLogPane::~RunLogPane()
{
    saveSettings();
}

void RunLogPane::setMinimumLevel(LogLevel level)
{
    m_level->setCurrentIndex(std::max(0, m_level->findData(int(level))));
}

void RunLogPane::saveSettings() const
{
    QSettings().setValue(m_settingsKey + QStringLiteral("/level"), m_level->currentData().toInt());
    saveHeaderState(m_view, m_settingsKey + QStringLiteral("/columns"));
}

void RunLogPane::followNewLines()
{
    if (m_atBottom)
        QTimer::singleShot(0, m_view, &QAbstractItemView::scrollToBottom);
}

} // namespace ecomops::widgets
