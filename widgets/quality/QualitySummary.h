#pragma once
// The top of the Data Quality workspace: the chosen table's overall score in
// large type with its verdict and what fell short, its eight dimensions
// against their thresholds, and its overall score across runs.
#include "queries/QualityQueries.h"

#include <QWidget>

class QLabel;

namespace ecomops::widgets {

class DimensionChart;
class ScoreTrendChart;

class QualitySummary : public QWidget
{
    Q_OBJECT
public:
    explicit QualitySummary(QWidget *parent = nullptr);

    DimensionChart *chart() const { return m_chart; }
    ScoreTrendChart *trend() const { return m_trend; }
    QWidget *card() const { return m_card; }
    QString overallText() const;

    // `runMessages`: the run's gate messages, shown for the whole run.
    void showTable(const queries::TableScorecard &table, const QStringList &runMessages);
    void showNoRun();

private:
    QWidget *m_card;
    QLabel *m_tableTitle;
    QLabel *m_overall;
    QLabel *m_verdict;
    QLabel *m_messages;
    DimensionChart *m_chart;
    ScoreTrendChart *m_trend;
};

} // namespace ecomops::widgets
