#pragma once
// Colours a cell by its verdict (pass, warning, fail): a soft pill behind the
// text, derived from the palette so it reads on dark themes too.
#include <QStyledItemDelegate>

namespace ecomops::widgets {

class VerdictDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // `verdictRole` holds an int qualitytext::Verdict.
    explicit VerdictDelegate(int verdictRole, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_verdictRole;
};

} // namespace ecomops::widgets
