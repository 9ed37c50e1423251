#pragma once
// "File names…" for an Olist folder: one line per file kind (customers,
// orders, …), empty to let the run find the file by its name, else the file
// to use (--option file.<kind>=NAME). Small on purpose: most folders need none.
#include <QDialog>
#include <QMap>
#include <QString>

class QLineEdit;

namespace ecomops::widgets {

class OlistFileNames : public QDialog
{
    Q_OBJECT
public:
    // `names`: kind → file name, as the run options take them.
    OlistFileNames(const QMap<QString, QString> &names, const QString &folder, QWidget *parent = nullptr);

    QMap<QString, QString> names() const; // only the kinds given a name

private:
    void browse(QLineEdit *edit);

    QString m_folder;
    QMap<QString, QLineEdit *> m_edits;
};

} // namespace ecomops::widgets
