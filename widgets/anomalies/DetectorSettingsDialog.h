#pragma once
// The detector's settings with a live preview: "with these settings the last
// run would have raised N flags (now M)", computed by
// anomalies::previewSettings on the thread pool a moment after the last
// change (a newer change makes an older answer stale), so a steward sees the
// consequence before saving. Save writes detectorsettings::save().
#include "anomalies/AnomalyOptions.h"
#include "anomalies/SettingsPreview.h"
#include "common/JobTracker.h"

#include <QDialog>
#include <QTimer>

#include <functional>

class QAction;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace ecomops::widgets {

class DetectorSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DetectorSettingsDialog(const QString &conninfo, QWidget *parent = nullptr);

    void setOptions(const anomalies::AnomalyOptions &options);
    anomalies::AnomalyOptions options() const;
    QString previewText() const;
    // "Detector settings…": opens the dialog on the warehouse `conninfo()`
    // names at that moment.
    static QAction *makeAction(std::function<QString()> conninfo, QWidget *parent);
    // The preview's text for a result (public for tests).
    static QString describe(const anomalies::SettingsPreview &preview);

signals:
    void previewShown(); // a preview (or its failure) is on screen: for tests

private:
    void schedulePreview();
    void preview();

    QString m_conninfo;
    anomalies::AnomalyOptions m_base; // what the dialog does not edit (excluded statuses…)
    QComboBox *m_method;
    QDoubleSpinBox *m_k;
    QDoubleSpinBox *m_minSigma;
    QSpinBox *m_minHistory;
    QLabel *m_sigmaUnit;
    QLabel *m_preview;
    QTimer m_debounce;
    JobTracker m_job{this};
};

} // namespace ecomops::widgets
