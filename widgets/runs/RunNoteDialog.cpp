#include "runs/RunNoteDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ecomops::widgets {
namespace {

constexpr int kMaxNoteLength = 4000; // ops.run_note's CHECK

} // namespace

RunNoteDialog::RunNoteDialog(qint64 runId, const QString &runTitle, QWidget *parent)
    : QDialog(parent), m_runId(runId), m_editor(new QPlainTextEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("runNoteDialog"));
    setWindowTitle(tr("Note on run %1").arg(runId));
    setWindowModality(Qt::WindowModal);
    setAttribute(Qt::WA_DeleteOnClose);
    auto *intro = new QLabel(tr("%1\nThe note is kept with the run, with your database role, your user name and the "
                                "time. Everyone who reads the history sees it.")
                                 .arg(runTitle),
                             this);
    intro->setWordWrap(true);
    m_editor->setObjectName(QStringLiteral("noteText"));
    m_editor->setPlaceholderText(tr("What happened, what was done about it…"));
    m_editor->setTabChangesFocus(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add Note"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_buttons);
    resize(460, 260);

    connect(m_editor, &QPlainTextEdit::textChanged, this, &RunNoteDialog::updateOk);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        Q_EMIT noteEntered(m_runId, m_editor->toPlainText().trimmed());
        accept();
    });
    updateOk();
}

void RunNoteDialog::updateOk()
{
    const QString text = m_editor->toPlainText().trimmed();
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(!text.isEmpty() && text.size() <= kMaxNoteLength);
    ok->setToolTip(text.size() > kMaxNoteLength ? tr("A note holds at most %1 characters").arg(kMaxNoteLength)
                                                : QString());
}

} // namespace ecomops::widgets
