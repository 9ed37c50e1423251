#include "runs/OlistFileNames.h"

#include "sources/olist/OlistFiles.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace ecomops::widgets {

OlistFileNames::OlistFileNames(const QMap<QString, QString> &names, const QString &folder, QWidget *parent)
    : QDialog(parent), m_folder(folder)
{
    setWindowTitle(tr("Olist File Names"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Leave a line empty to let the run find the file: names are matched ignoring case, "
                                "separators, the “olist” prefix, the “dataset” suffix and singular or plural. "
                                "Give a name only for a file named otherwise."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    for (const sources::olist::FileSpec &spec : sources::olist::fileSpecs()) {
        const QString key = QString::fromLatin1(spec.key);
        auto *edit = new QLineEdit(names.value(key), this);
        edit->setPlaceholderText(QString::fromLatin1(spec.canonical));
        edit->setClearButtonEnabled(true);
        edit->setToolTip(tr("--option %1=NAME").arg(QString::fromStdString(sources::olist::fileOptionKey(spec))));
        auto *browseButton = new QToolButton(this);
        browseButton->setText(QStringLiteral("…"));
        browseButton->setToolTip(tr("Choose the file"));
        connect(browseButton, &QToolButton::clicked, this, [this, edit] { browse(edit); });
        auto *row = new QHBoxLayout;
        row->addWidget(edit, 1);
        row->addWidget(browseButton);
        form->addRow(spec.required ? tr("%1:").arg(key) : tr("%1 (optional):").arg(key), row);
        m_edits.insert(key, edit);
    }
    layout->addLayout(form);
    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Reset, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this, [this] {
        for (QLineEdit *edit : std::as_const(m_edits))
            edit->clear();
    });
    layout->addWidget(buttons);
}

QMap<QString, QString> OlistFileNames::names() const
{
    QMap<QString, QString> out;
    for (auto it = m_edits.cbegin(); it != m_edits.cend(); ++it) {
        const QString name = it.value()->text().trimmed();
        if (!name.isEmpty())
            out.insert(it.key(), name);
    }
    return out;
}

void OlistFileNames::browse(QLineEdit *edit)
{
    const QString chosen = QFileDialog::getOpenFileName(this, tr("Choose the File"), m_folder,
                                                        tr("CSV files (*.csv *.CSV);;All files (*)"));
    if (chosen.isEmpty())
        return;
    // A file inside the folder is given by its name, as the option takes it.
    const QFileInfo info(chosen);
    edit->setText(QDir(m_folder) == info.dir() ? info.fileName() : QDir::toNativeSeparators(chosen));
}

} // namespace ecomops::widgets
