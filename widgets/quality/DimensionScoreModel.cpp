#include "quality/DimensionScoreModel.h"

#include "quality/QualityText.h"

#include <QLocale>

namespace ecomops::widgets {

using namespace qualitytext;

namespace {
qualitytext::Verdict verdictOf(const queries::DimensionScore &d)
{
    if (d.score < 0)
        return qualitytext::Verdict::None;
    return d.passed ? qualitytext::Verdict::Pass : qualitytext::Verdict::Fail;
}
} // namespace

DimensionScoreModel::DimensionScoreModel(QObject *parent)
    : RecordTableModel(
          {QT_TR_NOOP("Dimension"), QT_TR_NOOP("Score"), QT_TR_NOOP("Threshold"), QT_TR_NOOP("Failed checks")}, parent)
{
}

void DimensionScoreModel::setScores(const std::vector<queries::DimensionScore> &scores)
{
    resetRecords(scores);
}

int DimensionScoreModel::rowOfDimension(const QString &dimension) const
{
    for (std::size_t i = 0; i < m_records.size(); ++i)
        if (m_records[i].dimension == dimension)
            return int(i);
    return -1;
}

QVariant DimensionScoreModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const queries::DimensionScore &d = m_records[std::size_t(index.row())];
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Dimension:
            return dimensionLabel(d.dimension);
        case Score:
            return d.score < 0 ? tr("not checked") : scoreText(d.score);
        case Threshold:
            return scoreText(d.threshold);
        case Failed:
            return tr("%1 of %2").arg(locale.toString(d.failed), locale.toString(d.checked));
        }
        break;
    case SortRole:
        return columnValue(index.column(), {d.dimension, d.score, d.threshold, d.failed});
    case Qt::TextAlignmentRole:
        return QVariant::fromValue((index.column() == Dimension ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (d.score < 0)
            return tr("No rule of this dimension applies to this table");
        return d.passed
                   ? tr("%1 meets its threshold of %2").arg(dimensionLabel(d.dimension), scoreText(d.threshold))
                   : tr("%1 is below its threshold of %2").arg(dimensionLabel(d.dimension), scoreText(d.threshold));
    case VerdictRole:
        return int(verdictOf(d));
    case DimensionRole:
        return d.dimension;
    }
    return {};
}

} // namespace ecomops::widgets
