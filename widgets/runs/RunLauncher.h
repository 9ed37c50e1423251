#pragma once
// The run launcher: a source (synthetic shop, Olist folder, transaction log,
// existing snapshot, source database), a quality gate and a few options,
// turned into a RunSpec. The last settings come back next time; a password
// typed into a source connection string is never saved.
#include "runner/RunSpec.h"

#include <QMap>
#include <QWidget>

#include <memory>

namespace Ui {
class RunLauncher;
}

class QPushButton;

namespace ecomops::widgets {

class RunLauncher : public QWidget
{
    Q_OBJECT
public:
    explicit RunLauncher(QWidget *parent = nullptr); // restores the last settings
    ~RunLauncher() override;                         // saves them

    QString sourceKind() const;
    void setSourceKind(const QString &kind);
    // What the form says, ready for the Runner (trigger manual, started by this user).
    runner::RunSpec spec() const;
    // Empty when spec() can run; otherwise what to fix, in words.
    QString validationError() const;

    // Empty: Start is enabled; otherwise Start is disabled and `reason` says why.
    void setStartBlocked(const QString &reason);
    QString startBlockedReason() const { return m_blocked; }

    QWidget *startButton() const;

    void saveSettings() const;

public slots:
    // Checks the form: emits startRequested() when it can run, otherwise says what to fix.
    void requestStart();

signals:
    void startRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void restoreSettings();
    void updateSourcePage();
    void browse();
    void browseStaging();
    void editOlistFileNames();
    void updateFileNamesButton();
    void showMessage(const QString &text, bool problem);
    void applyStyle();

    std::unique_ptr<Ui::RunLauncher> m_ui;
    QString m_blocked;
    nlohmann::json m_gates = nlohmann::json::object(); // keys this form does not edit pass through
    QHash<QString, QString> m_paths;                   // per source kind
    QMap<QString, QString> m_olistFiles;               // Olist file kind → file name (--option file.<kind>)
    QPushButton *m_fileNamesButton = nullptr;
    QString m_shownKind;
};

} // namespace ecomops::widgets
