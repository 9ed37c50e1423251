#include "kpis/DateRangeFilter.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QTimer>

namespace ecomops::widgets {
namespace {

const QString kPresetKey = QStringLiteral("kpis/range/preset");
const QString kFromKey = QStringLiteral("kpis/range/from");
const QString kToKey = QStringLiteral("kpis/range/to");

int presetDays(DateRangeFilter::Preset preset)
{
    switch (preset) {
    case DateRangeFilter::Preset::Last30:
        return 30;
    case DateRangeFilter::Preset::Last90:
        return 90;
    case DateRangeFilter::Preset::Last365:
        return 365;
    default:
        return 0;
    }
}

QDateEdit *dateEdit(QWidget *parent, const QString &name)
{
    auto *edit = new QDateEdit(parent);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("d MMM yyyy"));
    edit->setAccessibleName(name);
    edit->setDate(QDate(2000, 12, 31));              // the widest date, to size it by
    edit->setMinimumWidth(edit->sizeHint().width()); // "31 Dec 2025" whole at 1280 pixels
    edit->setDate(QDate::currentDate());
    return edit;
}

} // namespace

DateRangeFilter::DateRangeFilter(QWidget *parent)
    : QWidget(parent), m_preset(new QComboBox(this)), m_from(dateEdit(this, tr("From"))),
      m_to(dateEdit(this, tr("To"))), m_debounce(new QTimer(this))
{
    m_preset->addItem(tr("All time"), int(Preset::AllTime));
    m_preset->addItem(tr("Last 30 days"), int(Preset::Last30));
    m_preset->addItem(tr("Last 90 days"), int(Preset::Last90));
    m_preset->addItem(tr("Last 365 days"), int(Preset::Last365));
    m_preset->addItem(tr("Custom range"), int(Preset::Custom));
    m_preset->setAccessibleName(tr("Date range"));
    m_preset->setObjectName(QStringLiteral("kpiPeriod"));
    // Never narrower than its longest choice: "Last 365 days", not "Last 365 c".
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_preset->setMinimumWidth(m_preset->sizeHint().width());
    m_preset->setToolTip(tr("Every figure on this page is for this range. Recent ranges end on the last order day "
                            "in the warehouse."));
    m_from->setToolTip(tr("First day (inclusive)"));
    m_to->setToolTip(tr("Last day (inclusive)"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    auto *label = new QLabel(tr("&Period"), this);
    label->setBuddy(m_preset);
    layout->addWidget(label);
    layout->addWidget(m_preset);
    layout->addWidget(m_from);
    layout->addWidget(new QLabel(QStringLiteral("–"), this));
    layout->addWidget(m_to);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(350);
    connect(m_debounce, &QTimer::timeout, this, &DateRangeFilter::rangeChanged);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            emit rangeChanged();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &DateRangeFilter::datesEdited);
    connect(m_to, &QDateEdit::dateChanged, this, &DateRangeFilter::datesEdited);
}

DateRangeFilter::Preset DateRangeFilter::preset() const
{
    return Preset(m_preset->currentData().toInt());
}

void DateRangeFilter::setPreset(Preset preset)
{
    m_preset->setCurrentIndex(m_preset->findData(int(preset)));
}

void DateRangeFilter::setCustomRange(const QDate &from, const QDate &to)
{
    m_updating = true;
    m_from->setDate(from);
    m_to->setDate(to);
    setPreset(Preset::Custom);
    m_updating = false;
    m_debounce->stop();
    emit rangeChanged();
}

queries::KpiRange DateRangeFilter::range() const
{
    queries::KpiRange range;
    switch (preset()) {
    case Preset::AllTime:
        break;
    case Preset::Custom:
        range.from = m_from->date();
        range.to = m_to->date();
        break;
    default:
        range.lastDays = presetDays(preset());
        break;
    }
    return range;
}

void DateRangeFilter::showResolved(const QDate &from, const QDate &to, const QDate &first, const QDate &last)
{
    m_updating = true;
    if (first.isValid() && last.isValid()) {
        // Let a custom range reach a little beyond the data, never absurdly far.
        m_from->setDateRange(first.addYears(-1), last.addYears(1));
        m_to->setDateRange(first.addYears(-1), last.addYears(1));
    }
    if (from.isValid())
        m_from->setDate(from);
    if (to.isValid())
        m_to->setDate(to);
    m_updating = false;
}

void DateRangeFilter::datesEdited()
{
    if (m_updating)
        return;
    if (preset() != Preset::Custom) {
        m_updating = true;
        setPreset(Preset::Custom);
        m_updating = false;
    }
    m_debounce->start();
}

void DateRangeFilter::saveState() const
{
    QSettings settings;
    settings.setValue(kPresetKey, int(preset()));
    settings.setValue(kFromKey, m_from->date());
    settings.setValue(kToKey, m_to->date());
}

void DateRangeFilter::restoreState()
{
    QSettings settings;
    m_updating = true;
    const QDate from = settings.value(kFromKey).toDate();
    const QDate to = settings.value(kToKey).toDate();
    if (from.isValid())
        m_from->setDate(from);
    if (to.isValid())
        m_to->setDate(to);
    const int index = m_preset->findData(settings.value(kPresetKey, int(Preset::AllTime)).toInt());
    m_preset->setCurrentIndex(index >= 0 ? index : 0);
    m_updating = false;
}

} // namespace ecomops::widgets
