#pragma once
// "Add note…" on a past run: a few lines of text, kept with the run and with
// who wrote it. Opened window-modal with open(), never exec(), so nothing
// waits on it; the text goes out through noteEntered().
#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace ecomops::widgets {

class RunNoteDialog : public QDialog
{
    Q_OBJECT
public:
    RunNoteDialog(qint64 runId, const QString &runTitle, QWidget *parent = nullptr);

    qint64 runId() const { return m_runId; }
    QPlainTextEdit *editor() const { return m_editor; }
    QDialogButtonBox *buttons() const { return m_buttons; }

signals:
    void noteEntered(qint64 runId, const QString &text);

private:
    void updateOk();

    qint64 m_runId;
    QPlainTextEdit *m_editor;
    QDialogButtonBox *m_buttons;
};

} // namespace ecomops::widgets
