#pragma once
// A headline figure: what it is, the value in large type, and how it
// compares with the previous period of the same length.
#include "kpis/KpiCardFrame.h"

#include <optional>

class QLabel;

namespace ecomops::widgets {

class KpiCard : public KpiCardFrame
{
    Q_OBJECT
public:
    explicit KpiCard(const QString &title, QWidget *parent = nullptr);

    void setValue(double value, const QString &text, const QString &toolTip = {});
    // change: (now − before) ÷ before; nullopt when there is nothing to compare with.
    void setComparison(std::optional<double> change, const QString &against);
    void setCaption(const QString &caption);
    void clear();

    QString title() const;
    double value() const { return m_value; }
    QString valueText() const;
    QString comparisonText() const;

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void applyColors();

    QLabel *m_title;
    QLabel *m_valueLabel;
    QLabel *m_comparison;
    QLabel *m_caption;
    double m_value = 0;
    std::optional<double> m_change;
};

} // namespace ecomops::widgets
