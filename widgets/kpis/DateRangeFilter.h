#pragma once
// The KPIs' date range: a preset (all time, the last 30 / 90 / 365 days of
// data) or any dates. Presets count back from the last order day, so a
// historical load still shows something. Kept in QSettings.
#include "queries/KpiQueries.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QTimer;

namespace ecomops::widgets {

class DateRangeFilter : public QWidget
{
    Q_OBJECT
public:
    enum class Preset { AllTime, Last30, Last90, Last365, Custom };

    explicit DateRangeFilter(QWidget *parent = nullptr);

    Preset preset() const;
    void setPreset(Preset preset);
    // Switches to Custom with these dates.
    void setCustomRange(const QDate &from, const QDate &to);
    queries::KpiRange range() const;

    // Shows the range a load resolved to and the data's bounds, without
    // emitting rangeChanged().
    void showResolved(const QDate &from, const QDate &to, const QDate &first, const QDate &last);

    void saveState() const;
    void restoreState();

    QComboBox *presetBox() const { return m_preset; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }

signals:
    void rangeChanged();

private:
    void datesEdited();

    QComboBox *m_preset;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QTimer *m_debounce;
    bool m_updating = false;
};

} // namespace ecomops::widgets
