#include "AboutDialog.h"

#include "common/Icons.h"
#include "common/Theme.h"
#include "database/Migrator.h"
#include "ui_AboutDialog.h"

#include <QtGlobal>

#include <libpq-fe.h>

namespace ecomops::widgets {

namespace {

// PQlibVersion() is 150005 for 15.5 (and 90624 for 9.6.24).
QString libpqVersion()
{
    const int v = PQlibVersion();
    if (v >= 100000)
        return QStringLiteral("%1.%2").arg(v / 10000).arg(v % 10000);
    return QStringLiteral("%1.%2.%3").arg(v / 10000).arg(v / 100 % 100).arg(v % 100);
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style='padding-right:14px'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

AboutDialog::AboutDialog(const db::ServerStatus &status, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);
    const QIcon logo = icons::icon(icons::Glyph::App);
    setWindowIcon(logo);
    m_ui->logoLabel->setPixmap(logo.pixmap(QSize(80, 80), devicePixelRatioF()));

    m_ui->nameLabel->setFont(theme::scaledFont(font(), 1.6, QFont::DemiBold));
    m_ui->versionLabel->setText(tr("Version %1").arg(QStringLiteral(ECOMOPS_VERSION)));
    theme::setMutedText(m_ui->versionLabel, palette(), QPalette::Window);

    const int shippedSchema = db::Migrator().latestVersion();
    QString server = tr("not connected");
    if (status.connected)
        server = tr("PostgreSQL %1, schema version %2").arg(status.serverVersion).arg(status.schemaVersion);
    m_ui->componentsLabel->setText(
        QStringLiteral("<table>") +
        row(tr("Qt"), tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))) +
        row(tr("libpq"), libpqVersion()) + row(tr("Schema"), tr("version %1 shipped").arg(shippedSchema)) +
        row(tr("Server"), server) + QStringLiteral("</table>"));
}

AboutDialog::~AboutDialog() = default;

QString AboutDialog::componentsText() const
{
    return m_ui->componentsLabel->text();
}

} // namespace ecomops::widgets
