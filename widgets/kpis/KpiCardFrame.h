#pragma once
// The rounded card every KPI tile and chart sits on, painted from the
// palette so it follows dark themes.
#include <QFrame>

namespace ecomops::widgets {

class KpiCardFrame : public QFrame
{
    Q_OBJECT
public:
    explicit KpiCardFrame(QWidget *parent = nullptr);

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace ecomops::widgets
