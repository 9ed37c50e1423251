#include "connection/ConnectionDialog.h"

#include "common/Icons.h"
#include "common/Theme.h"
#include "connection/ConnectionAttempt.h"
#include "connection/ConnectionController.h"
#include "database/EmbeddedCluster.h"
#include "ui_ConnectionDialog.h"

#include <QFileDialog>
#include <QPushButton>

namespace ecomops::widgets {

namespace {

QString coloured(const QColor &color, const QString &text)
{
    return QStringLiteral("<span style='color:%1'>%2</span>").arg(color.name(), text);
}

} // namespace

ConnectionDialog::ConnectionDialog(ConnectionController *controller, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ConnectionDialog>()), m_controller(controller)
{
    m_ui->setupUi(this);
    setWindowIcon(icons::icon(icons::Glyph::Settings));

    for (QLabel *hint :
         {m_ui->embeddedHint, m_ui->serverHint, m_ui->dataDirHelp, m_ui->conninfoHelp, m_ui->passwordNote})
        theme::setMutedText(hint, palette(), QPalette::Window);

    const db::ConnectionProfile current = controller->profile();
    const bool server = current.mode == db::ConnectionProfile::Mode::Server;
    m_ui->serverRadio->setChecked(server);
    m_ui->embeddedRadio->setChecked(!server);
    m_ui->dataDirEdit->setText(current.embeddedDataDir);
    m_ui->dataDirEdit->setPlaceholderText(db::EmbeddedCluster::defaultDataDir());
    m_ui->conninfoEdit->setText(current.conninfo);
    m_ui->conninfoEdit->setCursorPosition(0);
    m_ui->rememberCheck->setChecked(!server || controller->rememberPassword());
    if (server && controller->rememberPassword())
        m_ui->passwordEdit->setPlaceholderText(tr("Stored in the system keyring; type to replace it"));
    m_ui->passwordNote->hide();

    connect(m_ui->embeddedRadio, &QRadioButton::toggled, this, &ConnectionDialog::updateMode);
    connect(m_ui->conninfoEdit, &QLineEdit::editingFinished, this, &ConnectionDialog::movePasswordOutOfConninfo);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ConnectionDialog::browseDataDirectory);
    connect(m_ui->testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    resize(qMax(minimumWidth(), 620), height());
    updateMode();
}

ConnectionDialog::~ConnectionDialog() = default;

db::ConnectionProfile ConnectionDialog::profile() const
{
    db::ConnectionProfile profile;
    profile.mode =
        m_ui->serverRadio->isChecked() ? db::ConnectionProfile::Mode::Server : db::ConnectionProfile::Mode::Embedded;
    profile.conninfo = db::stripPassword(m_ui->conninfoEdit->text().trimmed());
    profile.embeddedDataDir = m_ui->dataDirEdit->text().trimmed();
    return profile;
}

QString ConnectionDialog::password() const
{
    if (!m_ui->passwordEdit->text().isEmpty())
        return m_ui->passwordEdit->text();
    QString fromConninfo;
    db::stripPassword(m_ui->conninfoEdit->text().trimmed(), &fromConninfo);
    return fromConninfo;
}

bool ConnectionDialog::rememberPassword() const
{
    return m_ui->rememberCheck->isChecked();
}

void ConnectionDialog::accept()
{
    movePasswordOutOfConninfo();
    m_testJob.drop(); // a test still running no longer matters
    m_controller->applySettings(profile(), password(), rememberPassword());
    QDialog::accept();
}

void ConnectionDialog::updateMode()
{
    const bool server = m_ui->serverRadio->isChecked();
    m_ui->serverPage->setVisible(server);
    m_ui->embeddedPage->setVisible(!server);
    fitHeight(Fit::Exactly);
    m_ui->settingsGroup->setTitle(server ? tr("Server") : tr("Embedded database"));
    m_ui->testResultLabel->clear();
    m_testJob.drop();
    setTesting(false);
}

void ConnectionDialog::fitHeight(Fit fit)
{
    // Wrapped texts need their height at the current width, which the
    // layout's minimum size does not account for.
    layout()->activate();
    const int fitted = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : sizeHint().height();
    if (fit == Fit::Exactly || fitted > height())
        resize(width(), fitted);
}

void ConnectionDialog::movePasswordOutOfConninfo()
{
    QString removed;
    const QString stripped = db::stripPassword(m_ui->conninfoEdit->text().trimmed(), &removed);
    if (removed.isEmpty())
        return;
    m_ui->conninfoEdit->setText(stripped);
    if (m_ui->passwordEdit->text().isEmpty()) {
        m_ui->passwordEdit->setText(removed);
        m_ui->passwordNote->setText(tr("The password was moved from the connection string to the password field: "
                                       "it is never saved with the settings."));
    } else {
        m_ui->passwordNote->setText(tr("A password in the connection string was removed; the one in the password "
                                       "field is used. Passwords are never saved with the settings."));
    }
    m_ui->passwordNote->show();
    fitHeight(Fit::GrowOnly);
}

void ConnectionDialog::browseDataDirectory()
{
    const QString start =
        m_ui->dataDirEdit->text().isEmpty() ? m_ui->dataDirEdit->placeholderText() : m_ui->dataDirEdit->text();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Data Directory of the Embedded Database"), start);
    if (!dir.isEmpty())
        m_ui->dataDirEdit->setText(dir);
}

void ConnectionDialog::testConnection()
{
    movePasswordOutOfConninfo();
    const db::ConnectionProfile profile = this->profile();
    QString password = this->password();
    if (password.isEmpty())
        password = m_controller->sessionPasswordFor(profile.conninfo);

    setTesting(true);
    m_ui->testResultLabel->setText(profile.mode == db::ConnectionProfile::Mode::Embedded
                                       ? tr("Starting the embedded database…")
                                       : tr("Connecting…"));
    m_testJob.run([profile, password] { return attemptConnection(profile, password).status; },
                  [this](const db::ServerStatus &status) { finishTest(status); },
                  [this](const JobFailure &failure) {
                      db::ServerStatus status;
                      status.error = failure.message;
                      status.errorDetail = failure.detail;
                      finishTest(status);
                  });
}

void ConnectionDialog::finishTest(const db::ServerStatus &status)
{
    setTesting(false);
    showTestResult(status);
    fitHeight(Fit::GrowOnly);
    emit testFinished(status);
}

void ConnectionDialog::showTestResult(const db::ServerStatus &status)
{
    const bool dark = theme::isDark(palette());
    if (status.connected) {
        const QColor green = dark ? QColor(0x4a, 0xd3, 0x8a) : QColor(0x16, 0x8a, 0x4a);
        const QString schema = status.schemaVersion == status.schemaAvailable
                                   ? tr("schema %1 is up to date").arg(status.schemaVersion)
                                   : tr("schema %1 of %2").arg(status.schemaVersion).arg(status.schemaAvailable);
        m_ui->testResultLabel->setText(coloured(green, QStringLiteral("✔ ") + tr("Connected")) + QLatin1Char(' ') +
                                       tr("to %1 as %2 — PostgreSQL %3, %4.")
                                           .arg(status.server, status.role, status.serverVersion, schema)
                                           .toHtmlEscaped());
        m_ui->testResultLabel->setToolTip({});
    } else {
        const QColor red = dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
        const QString detail = status.errorDetail.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        m_ui->testResultLabel->setText(coloured(red, QStringLiteral("✖ ") + status.error.toHtmlEscaped()) +
                                       QStringLiteral("<br>") +
                                       coloured(theme::mutedText(palette(), QPalette::Window), detail));
        m_ui->testResultLabel->setToolTip(status.errorDetail);
    }
}

void ConnectionDialog::setTesting(bool testing)
{
    m_testing = testing;
    m_ui->testButton->setEnabled(!testing);
}

} // namespace ecomops::widgets
