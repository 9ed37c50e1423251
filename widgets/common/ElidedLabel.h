#pragma once
// A one-line label that elides its text in the middle when space runs out
// (long socket paths and host names), keeping the whole text in text().
#include <QWidget>

namespace ecomops::widgets {

class ElidedLabel : public QWidget
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    QString text() const { return m_text; }
    void setText(const QString &text);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
};

} // namespace ecomops::widgets
