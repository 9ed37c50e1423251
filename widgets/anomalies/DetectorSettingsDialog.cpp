#include "anomalies/DetectorSettingsDialog.h"

#include "anomalies/DetectorSettings.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ecomops::widgets {

using anomalies::Method;

DetectorSettingsDialog::DetectorSettingsDialog(const QString &conninfo, QWidget *parent)
    : QDialog(parent), m_conninfo(conninfo), m_method(new QComboBox), m_k(new QDoubleSpinBox),
      m_minSigma(new QDoubleSpinBox), m_minHistory(new QSpinBox), m_sigmaUnit(new QLabel), m_preview(new QLabel)
{
    setWindowTitle(tr("Detector settings"));
    setObjectName(QStringLiteral("detectorSettings"));
    m_method->addItem(tr("Robust, on the log of the quantity (log_mad)"), int(Method::LogMad));
    m_method->addItem(tr("Robust, median and MAD (mad)"), int(Method::Mad));
    m_method->addItem(tr("Median and standard deviation (stddev)"), int(Method::StdDev));
    m_k->setRange(0.5, 20);
    m_k->setSingleStep(0.5);
    m_k->setDecimals(1);
    m_minSigma->setRange(0, 100);
    m_minSigma->setSingleStep(0.1);
    m_minSigma->setDecimals(2);
    m_minHistory->setRange(2, 100000);
    m_sigmaUnit->setWordWrap(true);
    m_preview->setWordWrap(true);
    m_preview->setObjectName(QStringLiteral("detectorPreview"));
    m_preview->setMinimumHeight(2 * fontMetrics().height());

    auto *form = new QFormLayout;
    form->addRow(tr("Method"), m_method);
    form->addRow(tr("Threshold k (deviations above the median)"), m_k);
    form->addRow(tr("Minimum σ"), m_minSigma);
    form->addRow(QString(), m_sigmaUnit);
    form->addRow(tr("Minimum history (counted lines)"), m_minHistory);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        detectorsettings::save(options());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview);
    layout->addWidget(buttons);

    // A burst of spin-box steps asks once, a moment after the last.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &DetectorSettingsDialog::preview);
    connect(m_method, &QComboBox::currentIndexChanged, this, &DetectorSettingsDialog::schedulePreview);
    for (QDoubleSpinBox *box : {m_k, m_minSigma})
        connect(box, &QDoubleSpinBox::valueChanged, this, &DetectorSettingsDialog::schedulePreview);
    connect(m_minHistory, &QSpinBox::valueChanged, this, &DetectorSettingsDialog::schedulePreview);
    setOptions(detectorsettings::load());
}

void DetectorSettingsDialog::setOptions(const anomalies::AnomalyOptions &options)
{
    m_base = options;
    m_method->setCurrentIndex(m_method->findData(int(options.method)));
    m_k->setValue(options.k);
    m_minSigma->setValue(options.minSigma);
    m_minHistory->setValue(options.minHistory);
    schedulePreview();
}

anomalies::AnomalyOptions DetectorSettingsDialog::options() const
{
    anomalies::AnomalyOptions o = m_base;
    o.method = Method(m_method->currentData().toInt());
    o.k = m_k->value();
    o.minSigma = m_minSigma->value();
    o.minHistory = m_minHistory->value();
    return o;
}

QAction *DetectorSettingsDialog::makeAction(std::function<QString()> conninfo, QWidget *parent)
{
    auto *action = new QAction(tr("Detector settings…"), parent);
    action->setObjectName(QStringLiteral("detectorSettingsAction"));
    action->setToolTip(tr("Method, threshold and minimum history, with how many flags they would raise"));
    QObject::connect(action, &QAction::triggered, parent, [conninfo = std::move(conninfo), parent] {
        auto *dialog = new DetectorSettingsDialog(conninfo(), parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    return action;
}

QString DetectorSettingsDialog::previewText() const
{
    return m_preview->text();
}

QString DetectorSettingsDialog::describe(const anomalies::SettingsPreview &preview)
{
    const QLocale locale;
    if (preview.lastRunId == 0)
        return tr("No run has finished yet: with these settings a run now would raise %1 flags.")
            .arg(locale.toString(preview.wouldRaise));
    return tr("With these settings the last run (run %1) would have raised %2 flags (now %3).")
        .arg(locale.toString(preview.lastRunId), locale.toString(preview.wouldRaise), locale.toString(preview.raised));
}

void DetectorSettingsDialog::schedulePreview()
{
    // σ is in the method's units: log units for log_mad (0.5 ≈ a factor 1.65).
    m_sigmaUnit->setText(options().method == Method::LogMad
                             ? tr("In log units: 0.5 means no product is measured narrower than a factor of 1.65.")
                             : tr("In units of quantity."));
    m_preview->setText(tr("Counting what these settings would flag…"));
    m_debounce.start();
}

void DetectorSettingsDialog::preview()
{
    if (m_conninfo.isEmpty()) {
        m_preview->setText(tr("Not connected: no preview."));
        emit previewShown();
        return;
    }
    m_job.run([conninfo = m_conninfo, o = options()] { return anomalies::previewSettings(conninfo, o); },
              [this](const anomalies::SettingsPreview &result) {
                  m_preview->setText(describe(result));
                  emit previewShown();
              },
              [this](const JobFailure &failure) {
                  m_preview->setText(tr("The preview could not be computed: %1").arg(failure.text()));
                  emit previewShown();
              });
}

} // namespace ecomops::widgets
