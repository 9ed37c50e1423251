#pragma once
// A status drawn as a pill of its tone (a dot and the model's text), for
// every workspace: a run's or a table's state, a quality verdict, a flag's
// triage status. The model gives the status in `role`; `toneOf` maps it to a
// tone, or to nothing for a cell drawn as plain text.
#include "common/Palette.h"

#include <QStyledItemDelegate>

#include <functional>
#include <optional>

namespace ecomops::widgets {

class StatusPillDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using ToneOf = std::function<std::optional<Tone>(const QVariant &status)>;
    // The role holds an int Tone.
    StatusPillDelegate(int role, QObject *parent);
    StatusPillDelegate(int role, ToneOf toneOf, QObject *parent);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    std::optional<Tone> toneAt(const QModelIndex &index) const;

private:
    int m_role;
    ToneOf m_toneOf;
};

// The row's background, selection and focus, without its text: what a
// delegate that paints its own content draws first.
void paintItemBackground(QPainter *painter, QStyleOptionViewItem option);

} // namespace ecomops::widgets
