#include "anomalies/FlagDetailPanel.h"

#include "anomalies/AuditTrailModel.h"
#include "anomalies/FlagExplanation.h"
#include "anomalies/FlagText.h"
#include "anomalies/QuantityHistoryChart.h"
#include "common/Theme.h"
#include "queries/AnomalyQueries.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace ecomops::widgets {

namespace {

QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setFont(theme::scaledFont(parent->font(), 1.0, QFont::DemiBold));
    return label;
}

} // namespace

FlagDetailPanel::FlagDetailPanel(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_summary(new QLabel(this)), m_explanation(new QLabel(this)),
      m_line(new QLabel(this)), m_baseline(new QLabel(this)), m_chart(new QuantityHistoryChart(this)),
      m_audit(new AuditTrailModel(this)), m_auditView(new QTableView(this))
{
    m_title->setFont(theme::scaledFont(font(), 1.35, QFont::DemiBold));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_explanation->setWordWrap(true);
    m_explanation->setObjectName(QStringLiteral("flagExplanation"));
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_line->setWordWrap(true);
    m_line->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_baseline->setWordWrap(true);
    theme::setMutedText(m_baseline, palette(), QPalette::Window);

    m_auditView->setModel(m_audit);
    m_auditView->setObjectName(QStringLiteral("auditTrail"));
    m_auditView->verticalHeader()->hide();
    m_auditView->horizontalHeader()->setStretchLastSection(true);
    m_auditView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_auditView->setWordWrap(false);
    m_auditView->setMinimumHeight(90);
    m_auditView->setAlternatingRowColors(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 8, 8);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_explanation);
    layout->addWidget(m_line);
    layout->addWidget(sectionLabel(tr("Quantity history of the product"), this));
    layout->addWidget(m_chart, 3);
    layout->addWidget(m_baseline);
    layout->addWidget(sectionLabel(tr("Audit trail"), this));
    layout->addWidget(m_auditView, 1);
    showFlag(0);
}

void FlagDetailPanel::showFlag(qint64 flagId)
{
    m_flagId = flagId;
    if (flagId == 0 || m_conninfo.isEmpty()) {
        m_job.drop();
        m_detail = {};
        m_title->setText(tr("No flag selected"));
        m_summary->setText(m_listEmpty ? tr("The list is empty: there is no flag to show.")
                                       : tr("Pick a flag in the list to see its order line, the product's quantities "
                                            "against their baseline, and who changed it when."));
        m_explanation->clear();
        m_line->clear();
        m_baseline->clear();
        m_chart->clear();
        m_audit->setEvents({});
        return;
    }
    m_job.run([conninfo = m_conninfo, flagId] { return queries::flagDetail(conninfo, flagId); },
              [this](const std::optional<anomalies::FlagDetail> &detail) {
                  if (detail) {
                      apply(*detail);
                      return;
                  }
                  m_title->setText(tr("Flag %1").arg(m_flagId));
                  m_summary->setText(tr("Flag %1 no longer exists.").arg(m_flagId));
              },
              [this](const JobFailure &failure) {
                  m_title->setText(tr("Flag %1").arg(m_flagId));
                  m_summary->setText(tr("The flag could not be read: %1").arg(failure.text()));
              });
}

void FlagDetailPanel::showEmptyList(bool empty)
{
    m_listEmpty = empty;
    if (empty || m_flagId == 0)
        showFlag(0); // what the empty panel says depends on the list
}

void FlagDetailPanel::apply(const anomalies::FlagDetail &detail)
{
    m_detail = detail;
    const anomalies::FlagRow &f = detail.flag;
    const QLocale locale;
    m_title->setText(tr("Flag %1 · %2").arg(f.flagId).arg(flagtext::statusLabel(f.status)));
    QString summary = flagexplanation::headline(f);
    if (f.statusChangedAt.isValid())
        summary += QLatin1Char(' ') + tr("Last changed by %1 on %2 (version %3).")
                                          .arg(f.statusChangedUser.isEmpty() ? f.statusChangedBy : f.statusChangedUser,
                                               locale.toString(f.statusChangedAt.toLocalTime(), QLocale::ShortFormat))
                                          .arg(f.version);
    m_summary->setText(summary);
    m_explanation->setText(flagexplanation::explanation(f));
    const anomalies::OrderLineInfo &line = detail.line;
    if (line.found)
        m_line->setText(tr("Ordered %1 by customer %2 via %3 in %4 · order %5 · unit price %6 · line total %7")
                            .arg(locale.toString(f.orderTs, QLocale::ShortFormat), line.customerId, line.channel,
                                 line.countryCode, line.status, line.unitPrice, line.lineTotal));
    else
        m_line->setText(tr("The order line is no longer in the warehouse."));
    QString baseline = tr("Baseline at detection (%1, k = %2): median %3, σ %4, threshold %5, from %n line(s).",
                          nullptr, int(f.baselineLines))
                           .arg(f.method, locale.toString(f.k, 'f', 1), locale.toString(f.median, 'f', 1),
                                locale.toString(f.sigma, 'f', 2), locale.toString(f.threshold, 'f', 1));
    if (detail.baseline && !qFuzzyCompare(detail.baseline->threshold + 1.0, f.threshold + 1.0))
        baseline +=
            QLatin1Char(' ') +
            tr("The product's current threshold is %1.").arg(locale.toString(detail.baseline->threshold, 'f', 1));
    m_baseline->setText(baseline);
    m_chart->setDetail(detail);
    m_audit->setEvents(detail.events);
    m_auditView->resizeColumnsToContents();
    m_auditView->horizontalHeader()->setStretchLastSection(true);
    if (m_audit->rowCount() > 0)
        m_auditView->scrollToBottom();
    emit detailLoaded(f.flagId);
}

} // namespace ecomops::widgets
