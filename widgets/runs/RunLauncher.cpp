#include "runs/RunLauncher.h"

#include "anomalies/DetectorSettings.h"
#include "common/Theme.h"
#include "database/ConnectionProfile.h"
#include "runs/OlistFileNames.h"
#include "runs/RunText.h"
#include "sources/synthetic/GeneratorOptions.h"
#include "ui_RunLauncher.h"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>
#include <QSettings>

#include <nlohmann/json.hpp>

namespace ecomops::widgets {
namespace {

const QString kGroup = QStringLiteral("runs/launcher/");

QString settingsKey(const char *name)
{
    return kGroup + QLatin1String(name);
}

bool needsFolder(const QString &kind)
{
    return kind == QLatin1String("olist") || kind == QLatin1String("snapshot");
}

QString currentUserName()
{
    for (const char *variable : {"USER", "USERNAME", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name;
    }
    return QStringLiteral("console");
}

} // namespace

RunLauncher::RunLauncher(QWidget *parent) : QWidget(parent), m_ui(std::make_unique<Ui::RunLauncher>())
{
    m_ui->setupUi(this);
    for (const char *kind : {"synthetic", "olist", "txnlog", "snapshot", "sourcedb"})
        m_ui->sourceCombo->addItem(RunText::sourceKind(QLatin1String(kind)), QLatin1String(kind));
    m_ui->sourceCombo->setItemData(0, tr("A seeded synthetic shop: the quickest way to see a run"), Qt::ToolTipRole);
    m_ui->dateOrderCombo->addItem(tr("Detect automatically"), QString());
    m_ui->dateOrderCombo->addItem(tr("Day first (31/12/2011)"), QStringLiteral("day_first"));
    m_ui->dateOrderCombo->addItem(tr("Month first (12/31/2011)"), QStringLiteral("month_first"));
    m_ui->gateModeCombo->addItem(tr("Fail the run"), QStringLiteral("fail"));
    m_ui->gateModeCombo->addItem(tr("Only warn"), QStringLiteral("warn"));
    m_ui->gateModeCombo->setItemData(0, tr("A table below the minimum fails the run; nothing is published"),
                                     Qt::ToolTipRole);
    m_ui->gateModeCombo->setItemData(1, tr("The run goes on and is marked as warned"), Qt::ToolTipRole);
    m_ui->stagingEdit->setPlaceholderText(runner::RunSpec::defaultStagingDir());
    // Olist folders re-saved by other tools rename files: the run matches
    // names tolerantly, and this maps the ones it cannot.
    m_fileNamesButton = new QPushButton(tr("File names…"), this);
    m_fileNamesButton->setToolTip(tr("Choose the file for a kind the run does not find by its name"));
    m_ui->pathForm->addRow(QString(), m_fileNamesButton);
    connect(m_fileNamesButton, &QPushButton::clicked, this, &RunLauncher::editOlistFileNames);
    m_ui->blockedLabel->hide();
    m_ui->startButton->setMinimumHeight(38);
    m_ui->startButton->setCursor(Qt::PointingHandCursor);

    restoreSettings();
    updateSourcePage();
    applyStyle();

    connect(m_ui->sourceCombo, &QComboBox::currentIndexChanged, this, &RunLauncher::updateSourcePage);
    connect(m_ui->browseButton, &QToolButton::clicked, this, &RunLauncher::browse);
    connect(m_ui->stagingBrowseButton, &QToolButton::clicked, this, &RunLauncher::browseStaging);
    connect(m_ui->startButton, &QPushButton::clicked, this, &RunLauncher::requestStart);
    // A problem shown after a click goes away as soon as the form changes.
    for (QLineEdit *edit : {m_ui->pathEdit, m_ui->conninfoEdit, m_ui->stagingEdit})
        connect(edit, &QLineEdit::textEdited, this, [this] { setStartBlocked(m_blocked); });
}

RunLauncher::~RunLauncher()
{
    saveSettings();
}

QWidget *RunLauncher::startButton() const
{
    return m_ui->startButton;
}

QString RunLauncher::sourceKind() const
{
    return m_ui->sourceCombo->currentData().toString();
}

void RunLauncher::setSourceKind(const QString &kind)
{
    const int index = m_ui->sourceCombo->findData(kind);
    if (index >= 0)
        m_ui->sourceCombo->setCurrentIndex(index);
}

void RunLauncher::updateSourcePage()
{
    if (!m_shownKind.isEmpty() && m_shownKind != QLatin1String("synthetic") && m_shownKind != QLatin1String("sourcedb"))
        m_paths[m_shownKind] = m_ui->pathEdit->text();
    const QString kind = sourceKind();
    m_shownKind = kind;
    if (kind == QLatin1String("synthetic")) {
        m_ui->sourcePages->setCurrentWidget(m_ui->syntheticPage);
    } else if (kind == QLatin1String("sourcedb")) {
        m_ui->sourcePages->setCurrentWidget(m_ui->databasePage);
    } else {
        m_ui->sourcePages->setCurrentWidget(m_ui->pathPage);
        m_ui->pathEdit->setText(m_paths.value(kind));
        const bool folder = needsFolder(kind);
        m_ui->pathLabel->setText(folder ? tr("Fold&er:") : tr("Fil&e:"));
        const bool dates = kind != QLatin1String("snapshot");
        m_ui->dateOrderLabel->setVisible(dates);
        m_ui->dateOrderCombo->setVisible(dates);
        m_fileNamesButton->setVisible(kind == QLatin1String("olist"));
        if (kind == QLatin1String("olist")) {
            m_ui->pathEdit->setPlaceholderText(tr("Folder with olist_*_dataset.csv"));
            m_ui->pathHint->setText(tr("The public Brazilian e-commerce dataset layout. Its files were sampled "
                                       "independently, so many keys do not resolve: the integrity score says so."));
        } else if (kind == QLatin1String("txnlog")) {
            m_ui->pathEdit->setPlaceholderText(tr("A CSV file, one line per sold item"));
            m_ui->pathHint->setText(
                tr("InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, "
                   "Country. Invoices starting with C are cancellations."));
        } else {
            m_ui->pathEdit->setPlaceholderText(tr("…/snapshot_date=YYYY-MM-DD/<run>"));
            m_ui->pathHint->setText(tr("A snapshot folder an earlier run wrote. Without its _SUCCESS marker it is "
                                       "incomplete and is refused."));
        }
    }
    // The stack is as tall as the page on show, not as its tallest page.
    for (int i = 0; i < m_ui->sourcePages->count(); ++i) {
        QWidget *page = m_ui->sourcePages->widget(i);
        const bool current = page == m_ui->sourcePages->currentWidget();
        page->setSizePolicy(QSizePolicy::Preferred, current ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    m_ui->sourcePages->adjustSize();
    setStartBlocked(m_blocked);
}

void RunLauncher::browse()
{
    const QString kind = sourceKind();
    const QString start = m_ui->pathEdit->text().isEmpty() ? QDir::homePath() : m_ui->pathEdit->text();
    const QString chosen = needsFolder(kind)
                               ? QFileDialog::getExistingDirectory(this, tr("Choose the Folder to Read"), start)
                               : QFileDialog::getOpenFileName(this, tr("Choose the Transaction Log"), start,
                                                              tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!chosen.isEmpty())
        m_ui->pathEdit->setText(QDir::toNativeSeparators(chosen));
}

void RunLauncher::editOlistFileNames()
{
    OlistFileNames dialog(m_olistFiles, m_ui->pathEdit->text().trimmed(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_olistFiles = dialog.names();
    updateFileNamesButton();
}

void RunLauncher::updateFileNamesButton()
{
    m_fileNamesButton->setText(
        m_olistFiles.isEmpty() ? tr("File names…") : tr("File names… (%n mapped)", nullptr, int(m_olistFiles.size())));
}

void RunLauncher::browseStaging()
{
    const QString start =
        m_ui->stagingEdit->text().isEmpty() ? runner::RunSpec::defaultStagingDir() : m_ui->stagingEdit->text();
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Choose Where Snapshots Go"), start);
    if (!chosen.isEmpty())
        m_ui->stagingEdit->setText(QDir::toNativeSeparators(chosen));
}

runner::RunSpec RunLauncher::spec() const
{
    runner::RunSpec spec;
    spec.sourceKind = sourceKind();
    if (spec.sourceKind == QLatin1String("synthetic")) {
        synthetic::GeneratorOptions options;
        options.scale = m_ui->scaleSpin->value();
        options.seed = std::uint64_t(m_ui->seedSpin->value());
        const double defects = m_ui->defectSpin->value() / 100.0;
        options.defects = {defects, defects, defects, defects, defects, defects, defects};
        options.anomalies.rate = m_ui->anomalySpin->value() / 100.0;
        spec.sourceOptions = options.toJson();
    } else if (spec.sourceKind == QLatin1String("sourcedb")) {
        // A typed password is used for this run only (and offered to the
        // keyring by the page); the spec carries the string without it.
        QString password;
        const QString conninfo = db::stripPassword(m_ui->conninfoEdit->text().trimmed(), &password);
        spec.sourceOptions = {{"conninfo", conninfo.toStdString()}};
        spec.sourcePassword = password;
    } else {
        spec.sourceOptions = {{"path", QDir::fromNativeSeparators(m_ui->pathEdit->text().trimmed()).toStdString()}};
        const QString dateOrder = m_ui->dateOrderCombo->currentData().toString();
        if (spec.sourceKind != QLatin1String("snapshot") && !dateOrder.isEmpty())
            spec.sourceOptions["date_order"] = dateOrder.toStdString();
        if (spec.sourceKind == QLatin1String("olist")) {
            for (auto it = m_olistFiles.cbegin(); it != m_olistFiles.cend(); ++it)
                spec.sourceOptions["file." + it.key().toStdString()] = it.value().toStdString();
        }
    }
    // The detector settings saved on the Anomalies page are the ones a run
    // from the console detects with (and records in its spec).
    spec.anomalies = detectorsettings::load().toJson();
    spec.gates = m_gates;
    spec.gates["overall"] = m_ui->overallSpin->value();
    spec.gates["mode"] = m_ui->gateModeCombo->currentData().toString().toStdString();
    spec.stagingDir = QDir::fromNativeSeparators(m_ui->stagingEdit->text().trimmed());
    spec.loadParallelism = m_ui->parallelSpin->value();
    spec.keepSnapshots = m_ui->keepSpin->value();
    spec.trigger = runner::Trigger::Manual;
    spec.startedBy = currentUserName();
    return spec;
}

QString RunLauncher::validationError() const
{
    const QString kind = sourceKind();
    if (kind == QLatin1String("synthetic")) {
        const std::string problem = synthetic::GeneratorOptions::fromJson(spec().sourceOptions).validationError();
        return problem.empty()
                   ? QString()
                   : tr("The synthetic shop's options are not usable: %1.").arg(QString::fromStdString(problem));
    }
    if (kind == QLatin1String("sourcedb"))
        return m_ui->conninfoEdit->text().trimmed().isEmpty()
                   ? tr("Enter the connection string of the source database.")
                   : QString();
    const QString path = m_ui->pathEdit->text().trimmed();
    const bool folder = needsFolder(kind);
    if (path.isEmpty())
        return folder ? tr("Choose the folder to read.") : tr("Choose the file to read.");
    const QFileInfo info(path);
    if (!info.exists())
        return tr("“%1” does not exist.").arg(path);
    if (folder && !info.isDir())
        return tr("“%1” is a file; choose a folder.").arg(path);
    if (!folder && !info.isFile())
        return tr("“%1” is a folder; choose a file.").arg(path);
    if (kind == QLatin1String("snapshot") && !QFileInfo::exists(info.filePath() + QStringLiteral("/_SUCCESS")))
        return tr("“%1” has no _SUCCESS marker: the snapshot is incomplete and cannot be loaded.").arg(path);
    return {};
}

void RunLauncher::setStartBlocked(const QString &reason)
{
    m_blocked = reason;
    m_ui->startButton->setEnabled(reason.isEmpty());
    showMessage(reason, false);
}

void RunLauncher::requestStart()
{
    if (!m_blocked.isEmpty())
        return;
    const QString problem = validationError();
    if (!problem.isEmpty()) {
        showMessage(problem, true);
        return;
    }
    // Settings are saved when the launcher closes: writing them here would
    // sync a file to disk on the GUI thread at the moment a run starts.
    Q_EMIT startRequested();
}

void RunLauncher::showMessage(const QString &text, bool problem)
{
    m_ui->blockedLabel->setText(text);
    m_ui->blockedLabel->setVisible(!text.isEmpty());
    QPalette pal = palette();
    const QColor color = problem ? toneColor(Tone::Bad, pal) : theme::mutedText(pal, QPalette::Window);
    pal.setColor(QPalette::WindowText, color);
    m_ui->blockedLabel->setPalette(pal);
}

void RunLauncher::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyStyle();
        showMessage(m_ui->blockedLabel->text(), false);
    }
}

void RunLauncher::applyStyle()
{
    m_ui->titleLabel->setFont(theme::scaledFont(font(), 1.25, QFont::DemiBold));
    theme::setMutedText(m_ui->introLabel, palette(), QPalette::Window);
    for (QLabel *hint : {m_ui->syntheticHint, m_ui->pathHint, m_ui->databaseHint}) {
        hint->setFont(theme::scaledFont(font(), 0.9));
        theme::setMutedText(hint, palette(), QPalette::Window);
    }
    for (QLabel *heading : {m_ui->sourceHeading, m_ui->gatesHeading, m_ui->optionsHeading}) {
        QFont f = theme::scaledFont(font(), 0.82, QFont::DemiBold);
        f.setLetterSpacing(QFont::AbsoluteSpacing, 0.6);
        heading->setFont(f);
        heading->setContentsMargins(0, 10, 0, 0);
        theme::setMutedText(heading, palette(), QPalette::Window);
    }
    const QPalette pal = palette();
    const QColor accent = toneColor(Tone::Active, pal);
    const QColor disabled = theme::mix(pal.color(QPalette::Window), pal.color(QPalette::Text), 0.12);
    const QColor focus = theme::mix(accent, pal.color(QPalette::Text), 0.45);
    m_ui->startButton->setStyleSheet(
        QStringLiteral(
            "QPushButton#startButton { background: %1; color: white; border: 2px solid %1; border-radius: 7px;"
            " padding: 6px 16px; font-weight: 600; }"
            "QPushButton#startButton:hover { background: %2; border-color: %2; }"
            "QPushButton#startButton:focus { border-color: %5; }"
            "QPushButton#startButton:disabled { background: %3; border-color: %3; color: %4; }")
            .arg(accent.name(), accent.lighter(112).name(), disabled.name(),
                 theme::mutedText(pal, QPalette::Window).name(), focus.name()));
}

void RunLauncher::saveSettings() const
{
    QSettings s;
    s.setValue(settingsKey("source"), sourceKind());
    s.setValue(settingsKey("scale"), m_ui->scaleSpin->value());
    s.setValue(settingsKey("seed"), m_ui->seedSpin->value());
    s.setValue(settingsKey("defectPercent"), m_ui->defectSpin->value());
    s.setValue(settingsKey("anomalyPercent"), m_ui->anomalySpin->value());
    QHash<QString, QString> paths = m_paths;
    if (m_ui->sourcePages->currentWidget() == m_ui->pathPage)
        paths[sourceKind()] = m_ui->pathEdit->text();
    for (auto it = paths.cbegin(); it != paths.cend(); ++it)
        s.setValue(kGroup + QStringLiteral("path/") + it.key(), it.value());
    s.setValue(settingsKey("dateOrder"), m_ui->dateOrderCombo->currentData());
    s.remove(settingsKey("olistFiles"));
    for (auto it = m_olistFiles.cbegin(); it != m_olistFiles.cend(); ++it)
        s.setValue(kGroup + QStringLiteral("olistFiles/") + it.key(), it.value());
    // Passwords never land in the settings file.
    s.setValue(settingsKey("sourcedbConninfo"), db::stripPassword(m_ui->conninfoEdit->text().trimmed()));
    s.setValue(settingsKey("overall"), m_ui->overallSpin->value());
    s.setValue(settingsKey("gateMode"), m_ui->gateModeCombo->currentData());
    s.setValue(settingsKey("gates"), QString::fromStdString(m_gates.dump()));
    s.setValue(settingsKey("parallel"), m_ui->parallelSpin->value());
    s.setValue(settingsKey("keepSnapshots"), m_ui->keepSpin->value());
    s.setValue(settingsKey("staging"), m_ui->stagingEdit->text());
}

void RunLauncher::restoreSettings()
{
    QSettings s;
    m_ui->scaleSpin->setValue(s.value(settingsKey("scale"), 0.1).toDouble());
    m_ui->seedSpin->setValue(s.value(settingsKey("seed"), 42).toInt());
    m_ui->defectSpin->setValue(s.value(settingsKey("defectPercent"), m_ui->defectSpin->value()).toDouble());
    m_ui->anomalySpin->setValue(s.value(settingsKey("anomalyPercent"), m_ui->anomalySpin->value()).toDouble());
    for (const char *kind : {"olist", "txnlog", "snapshot"})
        m_paths[QLatin1String(kind)] = s.value(kGroup + QStringLiteral("path/") + QLatin1String(kind)).toString();
    m_ui->dateOrderCombo->setCurrentIndex(
        std::max(0, m_ui->dateOrderCombo->findData(s.value(settingsKey("dateOrder")))));
    s.beginGroup(settingsKey("olistFiles"));
    for (const QString &kind : s.childKeys())
        m_olistFiles.insert(kind, s.value(kind).toString());
    s.endGroup();
    updateFileNamesButton();
    m_ui->conninfoEdit->setText(s.value(settingsKey("sourcedbConninfo")).toString());
    m_ui->overallSpin->setValue(s.value(settingsKey("overall"), 80).toInt());
    m_ui->gateModeCombo->setCurrentIndex(
        std::max(0, m_ui->gateModeCombo->findData(s.value(settingsKey("gateMode"), QStringLiteral("fail")))));
    const nlohmann::json gates = nlohmann::json::parse(
        s.value(settingsKey("gates"), QStringLiteral("{}")).toString().toStdString(), nullptr, false);
    m_gates = gates.is_object() ? gates : nlohmann::json::object();
    m_ui->parallelSpin->setValue(s.value(settingsKey("parallel"), 2).toInt());
    m_ui->keepSpin->setValue(s.value(settingsKey("keepSnapshots"), 10).toInt());
    m_ui->stagingEdit->setText(s.value(settingsKey("staging")).toString());
    setSourceKind(s.value(settingsKey("source"), QStringLiteral("synthetic")).toString());
}

} // namespace ecomops::widgets
