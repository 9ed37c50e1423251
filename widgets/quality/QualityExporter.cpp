#include "quality/QualityExporter.h"

#include "common/CsvExport.h"
#include "common/InlineMessage.h"
#include "quality/QualityExport.h"

#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QToolButton>

namespace ecomops::widgets {

QualityExporter::QualityExporter(QWidget *page, InlineMessage *notice, Source source)
    : QObject(page), m_page(page), m_notice(notice), m_source(std::move(source))
{
    connect(this, &QualityExporter::exported, this, &QualityExporter::report);
}

QToolButton *QualityExporter::makeButton()
{
    auto *button = new QToolButton;
    button->setObjectName(QStringLiteral("qualityExport"));
    button->setText(tr("Export"));
    button->setToolTip(tr("Save the scorecard, or every row that failed the chosen rule, as a CSV file"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(button);
    const auto ask = [this](const QString &title, const QString &name) {
        return QFileDialog::getSaveFileName(m_page, title, name, tr("CSV files (*.csv)"));
    };
    menu->addAction(tr("Scorecard as CSV…"), this, [this, ask] {
        const QString path =
            ask(tr("Export the scorecard"), QStringLiteral("quality-run-%1.csv").arg(m_source.runId()));
        if (!path.isEmpty())
            exportScorecard(path);
    });
    QAction *rows = menu->addAction(tr("Failing rows of the rule as CSV…"), this, [this, ask] {
        const queries::RuleResult *rule = m_source.rule();
        const QString path =
            ask(tr("Export the failing rows"), QStringLiteral("failing-%1.csv").arg(rule ? rule->ruleId : QString()));
        if (!path.isEmpty())
            exportFailingRows(path);
    });
    connect(menu, &QMenu::aboutToShow, this, [this, rows] { rows->setEnabled(m_source.rule() != nullptr); });
    button->setMenu(menu);
    return button;
}

void QualityExporter::exportScorecard(const QString &path)
{
    m_exportJob.run([path, records = qualityexport::scorecardRecords(
                               m_source.scorecard())] { return writeCsvRecords(path, records); },
                    [this, path](const QString &error) { emit exported(path, error); },
                    [this, path](const JobFailure &failure) { emit exported(path, failure.text()); });
}

void QualityExporter::exportFailingRows(const QString &path)
{
    const queries::RuleResult *rule = m_source.rule();
    if (!rule)
        return;
    m_exportJob.run(
        [path, conninfo = m_source.conninfo(), runId = m_source.runId(), table = rule->table, ruleId = rule->ruleId] {
            return qualityexport::writeFailingRows(path, conninfo, runId, table, ruleId);
        },
        [this, path](const QString &error) { emit exported(path, error); },
        [this, path](const JobFailure &failure) { emit exported(path, failure.text()); });
}

void QualityExporter::report(const QString &path, const QString &error)
{
    if (error.isEmpty())
        m_notice->showMessage(Tone::Good, tr("Exported"), tr("Saved as %1").arg(QDir::toNativeSeparators(path)));
    else
        m_notice->showMessage(Tone::Bad, tr("Could not export"), tr("%1 could not be written.").arg(path), error);
    m_notice->setClosable(true);
}

} // namespace ecomops::widgets
