#include "quality/FailingRowsPane.h"

#include "quality/FailingRowModel.h"
#include "quality/FailingRowText.h"
#include "quality/QualityViews.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ecomops::widgets {

using namespace qualityviews;

FailingRowsPane::FailingRowsPane(QWidget *parent)
    : QWidget(parent), m_model(new FailingRowModel(this)), m_heading(qualityviews::heading()),
      m_view(makeView(m_model, QStringLiteral("qualityFailingRows"))),
      m_more(new QPushButton(tr("Load %1 more").arg(kPageSize))), m_record(new QTextBrowser),
      m_splitter(new QSplitter(Qt::Horizontal))
{
    m_heading->setObjectName(QStringLiteral("qualityRowsHeading"));
    m_heading->setWordWrap(true);
    m_more->setObjectName(QStringLiteral("qualityLoadMore"));
    m_more->setToolTip(tr("Read the next %1 rows set aside for this rule").arg(kPageSize));
    m_more->setAutoDefault(false);
    m_more->hide();
    m_view->setColumnWidth(FailingRowModel::Line, 60);
    m_view->setColumnWidth(FailingRowModel::Outcome, 150);
    m_view->setColumnWidth(FailingRowModel::Value, 120);
    m_view->setColumnWidth(FailingRowModel::Reasons, 300);
    m_record->setObjectName(QStringLiteral("qualityRecord"));
    m_record->setOpenLinks(false);
    m_record->setMinimumWidth(260);

    auto *rows = new QWidget;
    auto *rowsLayout = new QVBoxLayout(rows);
    rowsLayout->setContentsMargins(0, 0, 0, 0);
    rowsLayout->setSpacing(4);
    auto *top = new QHBoxLayout;
    top->addWidget(m_heading, 1);
    top->addWidget(m_more, 0, Qt::AlignTop);
    rowsLayout->addLayout(top);
    rowsLayout->addWidget(m_view, 1);
    m_splitter->addWidget(rows);
    m_splitter->addWidget(titled(qualityviews::heading(tr("Raw record and reasons")), m_record));
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({560, 440});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showRow(current.row()); });
    connect(m_more, &QPushButton::clicked, this, [this] {
        m_more->setEnabled(false); // until the page arrives
        emit moreRequested(m_quarantinedShown);
    });
}

QString FailingRowsPane::heading() const
{
    return m_heading->text();
}

QString FailingRowsPane::recordText() const
{
    return m_record->toPlainText();
}

void FailingRowsPane::showRule(const queries::RuleResult *rule)
{
    m_record->clear();
    m_ruleId = rule ? rule->ruleId : QString();
    m_failed = rule ? rule->failed : 0;
    m_quarantinedTotal = m_quarantinedShown = m_examplesShown = 0;
    m_model->setRows({}, m_ruleId);
    m_more->hide();
    updateHeading();
}

void FailingRowsPane::showMessage(const QString &heading)
{
    showRule(nullptr);
    m_heading->setText(heading);
}

void FailingRowsPane::addPage(const queries::FailingRowPage &page, bool first)
{
    if (first) {
        m_model->setRows(page.rows, m_ruleId);
        m_examplesShown = page.examplesInPage;
        m_quarantinedShown = 0;
    } else {
        m_model->appendRows(page.rows);
    }
    m_quarantinedShown += page.quarantinedInPage;
    m_quarantinedTotal = page.quarantinedTotal;
    const bool capped = m_model->rowCount() >= kMaxRows;
    m_more->setVisible(m_quarantinedShown < m_quarantinedTotal && !capped);
    m_more->setEnabled(true);
    updateHeading();
    if (first && m_model->rowCount() > 0)
        selectRow(m_view, 0);
}

void FailingRowsPane::updateHeading()
{
    if (m_ruleId.isEmpty()) {
        m_heading->clear();
        return;
    }
    failingrowtext::Shown shown;
    shown.failed = m_failed;
    shown.quarantinedTotal = m_quarantinedTotal;
    shown.quarantinedShown = m_quarantinedShown;
    shown.examplesShown = m_examplesShown;
    shown.capped = m_model->rowCount() >= kMaxRows && m_quarantinedShown < m_quarantinedTotal;
    m_heading->setText(failingrowtext::heading(m_ruleId, shown));
}

void FailingRowsPane::showRow(int row)
{
    const queries::FailingRow *f = m_model->rowAt(row);
    if (f)
        m_record->setHtml(failingrowtext::recordHtml(*f, m_ruleId));
    else
        m_record->clear();
}

} // namespace ecomops::widgets
