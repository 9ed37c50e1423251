#pragma once
// A message inside the window, tinted by its tone: a sentence in words, a
// "Details…" button when there is more (the server's text, the log), and a
// close button. Used for run notifications when there is no system tray,
// and for errors that must not pop up a dialog.
#include "common/Palette.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace ecomops::widgets {

class InlineMessage : public QFrame
{
    Q_OBJECT
public:
    explicit InlineMessage(QWidget *parent = nullptr);

    void showMessage(Tone tone, const QString &title, const QString &text, const QString &details = {});
    QString title() const;
    QString text() const;
    QString details() const { return m_details; }
    Tone tone() const { return m_tone; }
    void setClosable(bool closable);

public slots:
    void showDetails();

signals:
    void closed();

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    Tone m_tone = Tone::Neutral;
    QString m_details;
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_detailsButton;
    QToolButton *m_close;
};

} // namespace ecomops::widgets
