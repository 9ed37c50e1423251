#include "quality/QualitySummary.h"

#include "common/Theme.h"
#include "quality/DimensionChart.h"
#include "quality/QualityText.h"
#include "quality/ScoreTrendChart.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace ecomops::widgets {

using namespace qualitytext;

QualitySummary::QualitySummary(QWidget *parent)
    : QWidget(parent), m_card(new QWidget), m_tableTitle(new QLabel), m_overall(new QLabel), m_verdict(new QLabel),
      m_messages(new QLabel), m_chart(new DimensionChart), m_trend(new ScoreTrendChart)
{
    m_tableTitle->setFont(theme::scaledFont(font(), 1.25, QFont::DemiBold));
    m_tableTitle->setWordWrap(true);
    m_overall->setObjectName(QStringLiteral("qualityOverall"));
    // Large, but not so large that a 720-pixel-high window cuts it.
    m_overall->setFont(theme::scaledFont(font(), 2.8, QFont::Bold));
    m_verdict->setFont(theme::scaledFont(font(), 1.1, QFont::DemiBold));
    m_verdict->setWordWrap(true);
    m_messages->setWordWrap(true);
    m_messages->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    theme::setMutedText(m_messages, palette(), QPalette::Window);
    m_card->setObjectName(QStringLiteral("qualityScoreCard"));
    auto *cardLayout = new QVBoxLayout(m_card);
    cardLayout->setContentsMargins(8, 4, 8, 4);
    cardLayout->setSpacing(2);
    cardLayout->addWidget(m_tableTitle);
    cardLayout->addWidget(m_overall);
    cardLayout->addWidget(m_verdict);
    cardLayout->addWidget(m_messages);
    cardLayout->addStretch(1);
    // The messages can be many (one per dimension below its threshold):
    // they scroll inside the card rather than cutting it.
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("qualityScoreScroll"));
    scroll->setWidget(m_card);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(200);
    scroll->setMaximumWidth(280);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    layout->addWidget(m_chart, 3);
    layout->addWidget(m_trend, 2);
}

QString QualitySummary::overallText() const
{
    return m_overall->text();
}

void QualitySummary::showNoRun()
{
    m_tableTitle->setText(tr("No scored run yet"));
    m_overall->setText(QStringLiteral("—"));
    m_verdict->setText(tr("Run the pipeline: its validate stage scores every table here."));
    m_messages->clear();
}

void QualitySummary::showTable(const queries::TableScorecard &t, const QStringList &runMessages)
{
    const Verdict verdict = verdictFrom(t.verdict);
    m_tableTitle->setText(tableLabel(t.table));
    m_overall->setText(scoreText(t.overall));
    const QString colour = QStringLiteral("color: %1").arg(verdictColor(verdict, palette()).name());
    m_overall->setStyleSheet(colour);
    m_verdict->setStyleSheet(colour);
    m_verdict->setText(t.overallThreshold >= 0
                           ? tr("%1 · threshold %2").arg(verdictLabel(verdict), scoreText(t.overallThreshold))
                           : verdictLabel(verdict));
    QStringList notes;
    for (const queries::DimensionScore &d : t.dimensions)
        if (d.score >= 0 && !d.passed)
            notes.append(tr("%1 %2 is below its threshold of %3")
                             .arg(dimensionLabel(d.dimension), scoreText(d.score), scoreText(d.threshold)));
    if (t.table.isEmpty())
        notes += runMessages;
    m_messages->setText(notes.isEmpty() ? tr("Every dimension meets its threshold.") : notes.join(QLatin1Char('\n')));
    m_chart->setScores(t.dimensions);
}

} // namespace ecomops::widgets
