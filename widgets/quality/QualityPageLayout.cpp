// How the Data Quality page is laid out, and how that layout (splitters,
// columns, the table and dimension last chosen) is kept between sessions.
#include "quality/QualityPage.h"

#include "common/InlineMessage.h"
#include "common/StatusPillDelegate.h"
#include "quality/DimensionScoreModel.h"
#include "quality/FailingRowsPane.h"
#include "quality/QualityExporter.h"
#include "quality/QualitySummary.h"
#include "quality/QualityText.h"
#include "quality/QualityViews.h"
#include "quality/RuleResultModel.h"
#include "quality/ScorecardTableModel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace ecomops::widgets {

using namespace qualitytext;
using namespace qualityviews;

namespace {

const QString kSettingsGroup = QStringLiteral("quality");

} // namespace

void QualityPage::buildLayout()
{
    auto *runLabel = new QLabel(tr("&Run"));
    runLabel->setBuddy(m_runs);
    m_runs->setObjectName(QStringLiteral("qualityRun"));
    m_runs->setMinimumContentsLength(34);
    m_runs->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_runs->setToolTip(tr("The validated run whose scorecard is shown"));
    auto *refresh = new QAction(tr("Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    refresh->setToolTip(tr("Read the runs and scores again (F5)"));
    connect(refresh, &QAction::triggered, this, &QualityPage::reloadRuns);
    addAction(refresh);
    auto *refreshButton = new QToolButton;
    refreshButton->setDefaultAction(refresh);
    headerActions()->addWidget(runLabel);
    headerActions()->addWidget(m_runs);
    headerActions()->addWidget(refreshButton);
    headerActions()->addWidget(m_exporter->makeButton());

    m_banner->setObjectName(QStringLiteral("qualityNotice"));
    m_banner->setClosable(false);
    m_banner->hide();

    m_tableView->setItemDelegateForColumn(
        ScorecardTableModel::Verdict,
        new StatusPillDelegate(ScorecardTableModel::VerdictRole, verdictToneOf, m_tableView));
    m_dimensionView->setItemDelegateForColumn(
        DimensionScoreModel::Score,
        new StatusPillDelegate(DimensionScoreModel::VerdictRole, verdictToneOf, m_dimensionView));
    m_ruleView->setItemDelegateForColumn(
        RuleResultModel::Failed, new StatusPillDelegate(RuleResultModel::VerdictRole, verdictToneOf, m_ruleView));
    m_tableView->setMinimumWidth(250);
    m_tableView->hideColumn(ScorecardTableModel::Failed);
    m_ruleView->setColumnWidth(RuleResultModel::Table, 110);
    m_ruleView->setColumnWidth(RuleResultModel::Rule, 230);
    m_ruleView->setColumnWidth(RuleResultModel::Description, 300);
    m_ruleView->setColumnWidth(RuleResultModel::Severity, 110);
    m_ruleView->setColumnWidth(RuleResultModel::Failed, 120);
    m_drillSplitter->addWidget(titled(heading(tr("Dimensions")), m_dimensionView));
    m_drillSplitter->addWidget(titled(m_rulesTitle, m_ruleView));
    m_drillSplitter->setStretchFactor(0, 2);
    m_drillSplitter->setStretchFactor(1, 5);
    m_rightSplitter->addWidget(m_summary);
    m_rightSplitter->addWidget(m_drillSplitter);
    m_rightSplitter->addWidget(m_rows);
    m_rightSplitter->setStretchFactor(0, 4);
    m_rightSplitter->setStretchFactor(1, 3);
    m_rightSplitter->setStretchFactor(2, 3);
    m_mainSplitter->addWidget(titled(heading(tr("Tables")), m_tableView));
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 4);
    for (QSplitter *s : {m_mainSplitter, m_rightSplitter, m_drillSplitter})
        s->setChildrenCollapsible(false);
    m_mainSplitter->setObjectName(QStringLiteral("qualityMain"));
    // First-run proportions; restoreState() brings back the user's own.
    m_mainSplitter->setSizes({270, 1000});
    m_rightSplitter->setSizes({300, 220, 320});
    m_drillSplitter->setSizes({380, 620});

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_mainSplitter, 1);
    setContent(content);
}

void QualityPage::saveState() const
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    settings.setValue(QStringLiteral("main"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("right"), m_rightSplitter->saveState());
    settings.setValue(QStringLiteral("drill"), m_drillSplitter->saveState());
    settings.setValue(QStringLiteral("rows"), m_rows->splitter()->saveState());
    settings.setValue(QStringLiteral("ruleColumns"), m_ruleView->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("rowColumns"), m_failingView->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("table"), currentTable());
    settings.setValue(QStringLiteral("dimension"), currentDimension());
    settings.endGroup();
}

void QualityPage::restoreState()
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    m_mainSplitter->restoreState(settings.value(QStringLiteral("main")).toByteArray());
    m_rightSplitter->restoreState(settings.value(QStringLiteral("right")).toByteArray());
    m_drillSplitter->restoreState(settings.value(QStringLiteral("drill")).toByteArray());
    m_rows->splitter()->restoreState(settings.value(QStringLiteral("rows")).toByteArray());
    const QByteArray rules = settings.value(QStringLiteral("ruleColumns")).toByteArray();
    if (!rules.isEmpty())
        m_ruleView->horizontalHeader()->restoreState(rules);
    const QByteArray rows = settings.value(QStringLiteral("rowColumns")).toByteArray();
    if (!rows.isEmpty())
        m_failingView->horizontalHeader()->restoreState(rows);
    m_wantTable = settings.value(QStringLiteral("table")).toString();
    m_wantDimension = settings.value(QStringLiteral("dimension")).toString();
    settings.endGroup();
}

} // namespace ecomops::widgets
