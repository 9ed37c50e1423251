#include "anomalies/FlagFilterBar.h"

#include "anomalies/FlagText.h"
#include "common/Theme.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace ecomops::widgets {

using anomalies::FlagStatus;

FlagFilterBar::FlagFilterBar(QWidget *parent)
    : QWidget(parent), m_product(new QLineEdit(this)), m_useFrom(new QCheckBox(tr("From"), this)),
      m_from(new QDateEdit(this)), m_useTo(new QCheckBox(tr("to"), this)), m_to(new QDateEdit(this)),
      m_minZ(new QDoubleSpinBox(this)), m_total(new QLabel(this)), m_debounce(new QTimer(this)),
      m_run(new QToolButton(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &FlagFilterBar::filterChanged);

    // Two rows: in one, the dates and z would be squeezed over the search
    // box at 1280 pixels (the layout cannot shrink them below their minimum).
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(4);
    auto *layout = new QHBoxLayout;
    auto *second = new QHBoxLayout;
    rows->addLayout(layout);
    rows->addLayout(second);
    for (FlagStatus status : anomalies::allFlagStatuses()) {
        auto *button = new QToolButton(this);
        button->setCheckable(true);
        button->setChecked(status == FlagStatus::New || status == FlagStatus::Reviewed);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setObjectName(QStringLiteral("status_") + anomalies::statusName(status));
        button->setText(flagtext::statusLabel(status));
        button->setToolTip(tr("Show flags with status %1").arg(flagtext::statusLabel(status)));
        connect(button, &QToolButton::toggled, this, &FlagFilterBar::changed);
        m_status.insert(status, button);
        layout->addWidget(button);
    }
    m_run->setObjectName(QStringLiteral("runFilter"));
    m_run->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_run->setToolTip(tr("Showing only the flags this run raised: click to show every run's flags"));
    m_run->hide();
    connect(m_run, &QToolButton::clicked, this, [this] { showRun(0); });
    layout->addWidget(m_run);
    layout->addSpacing(12);

    m_product->setPlaceholderText(tr("Product id or name"));
    m_product->setClearButtonEnabled(true);
    m_product->setObjectName(QStringLiteral("productFilter"));
    m_product->setMinimumWidth(160);
    connect(m_product, &QLineEdit::textChanged, this, [this] {
        if (!m_restoring)
            m_debounce->start();
    });
    layout->addWidget(m_product, 1);

    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setEnabled(false);
        connect(edit, &QDateEdit::dateChanged, this, &FlagFilterBar::changed);
    }
    m_from->setDate(QDate::currentDate().addMonths(-3));
    m_to->setDate(QDate::currentDate());
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_useFrom, &QCheckBox::toggled, this, &FlagFilterBar::changed);
    connect(m_useTo, &QCheckBox::toggled, this, &FlagFilterBar::changed);
    m_useFrom->setToolTip(tr("Only flags of orders placed on or after this date"));
    m_useTo->setToolTip(tr("Only flags of orders placed on or before this date"));
    second->addWidget(m_useFrom);
    second->addWidget(m_from);
    second->addWidget(m_useTo);
    second->addWidget(m_to);

    auto *zLabel = new QLabel(tr("z ≥"), this);
    zLabel->setBuddy(m_minZ);
    m_minZ->setRange(0, 1000);
    m_minZ->setDecimals(1);
    m_minZ->setSingleStep(0.5);
    m_minZ->setSpecialValueText(tr("any"));
    m_minZ->setObjectName(QStringLiteral("minZ"));
    m_minZ->setToolTip(tr("Only flags at least this many standard deviations above their product's median"));
    connect(m_minZ, &QDoubleSpinBox::valueChanged, this, &FlagFilterBar::changed);
    second->addSpacing(12);
    second->addWidget(zLabel);
    second->addWidget(m_minZ);
    second->addSpacing(8);
    theme::setMutedText(m_total, palette(), QPalette::Window);
    second->addWidget(m_total);
    second->addStretch(1);
}

void FlagFilterBar::changed()
{
    if (!m_restoring)
        m_debounce->start();
}

anomalies::FlagFilter FlagFilterBar::filter() const
{
    anomalies::FlagFilter f;
    for (auto it = m_status.cbegin(); it != m_status.cend(); ++it)
        if (it.value()->isChecked())
            f.statuses.append(it.key());
    if (f.statuses.size() == m_status.size())
        f.statuses.clear();
    f.product = m_product->text().trimmed();
    if (m_useFrom->isChecked())
        f.from = m_from->date();
    if (m_useTo->isChecked())
        f.to = m_to->date();
    if (m_minZ->value() > 0)
        f.minZ = m_minZ->value();
    if (m_runId > 0)
        f.runId = m_runId;
    return f;
}

void FlagFilterBar::setStatusCounts(const QMap<FlagStatus, qint64> &counts, qint64 shown)
{
    const QLocale locale;
    for (auto it = m_status.cbegin(); it != m_status.cend(); ++it)
        it.value()->setText(tr("%1  %2").arg(flagtext::statusLabel(it.key()), locale.toString(counts.value(it.key()))));
    m_total->setText(tr("%1 shown").arg(locale.toString(shown)));
}

void FlagFilterBar::setStatuses(const QList<FlagStatus> &statuses)
{
    for (auto it = m_status.cbegin(); it != m_status.cend(); ++it)
        it.value()->setChecked(statuses.isEmpty() || statuses.contains(it.key()));
}

void FlagFilterBar::setProduct(const QString &text)
{
    m_product->setText(text);
}

void FlagFilterBar::setDateRange(const QDate &from, const QDate &to)
{
    m_useFrom->setChecked(from.isValid());
    if (from.isValid())
        m_from->setDate(from);
    m_useTo->setChecked(to.isValid());
    if (to.isValid())
        m_to->setDate(to);
}

void FlagFilterBar::setMinZ(double z)
{
    m_minZ->setValue(z);
}

void FlagFilterBar::showRun(qint64 runId)
{
    m_restoring = true; // one reload for the whole change, below
    m_runId = std::max<qint64>(0, runId);
    if (m_runId > 0) {
        setStatuses({});
        setProduct(QString());
        setDateRange({}, {});
        setMinZ(0);
    }
    m_restoring = false;
    m_run->setText(tr("Run %1  ✕").arg(m_runId));
    m_run->setVisible(m_runId > 0);
    m_debounce->stop();
    Q_EMIT filterChanged();
}

void FlagFilterBar::saveState(const QString &group) const
{
    QSettings settings;
    settings.beginGroup(group);
    QStringList statuses;
    for (auto it = m_status.cbegin(); it != m_status.cend(); ++it)
        if (it.value()->isChecked())
            statuses.append(anomalies::statusName(it.key()));
    settings.setValue(QStringLiteral("statuses"), statuses);
    settings.setValue(QStringLiteral("product"), m_product->text());
    settings.setValue(QStringLiteral("from"), m_useFrom->isChecked() ? m_from->date() : QDate());
    settings.setValue(QStringLiteral("to"), m_useTo->isChecked() ? m_to->date() : QDate());
    settings.setValue(QStringLiteral("minZ"), m_minZ->value());
    settings.endGroup();
}

void FlagFilterBar::restoreState(const QString &group)
{
    QSettings settings;
    settings.beginGroup(group);
    if (!settings.contains(QStringLiteral("statuses")))
        return;
    m_restoring = true;
    const QStringList statuses = settings.value(QStringLiteral("statuses")).toStringList();
    for (auto it = m_status.cbegin(); it != m_status.cend(); ++it)
        it.value()->setChecked(statuses.contains(anomalies::statusName(it.key())));
    m_product->setText(settings.value(QStringLiteral("product")).toString());
    setDateRange(settings.value(QStringLiteral("from")).toDate(), settings.value(QStringLiteral("to")).toDate());
    m_minZ->setValue(settings.value(QStringLiteral("minZ")).toDouble());
    settings.endGroup();
    m_restoring = false;
}

} // namespace ecomops::widgets
