#include "anomalies/FlagColumns.h"

#include "anomalies/FlagTableModel.h"
#include "anomalies/FlagText.h"
#include "queries/AnomalyQueries.h"

#include <QLocale>

namespace ecomops::widgets::flagcolumns {

using anomalies::FlagColumn;
using anomalies::FlagRow;

QString productText(const FlagRow &f)
{
    return f.productName.isEmpty() ? f.productId
                                   : QString(f.productName + QStringLiteral(" (") + f.productId + QLatin1Char(')'));
}

QVariant display(const FlagRow &f, int column)
{
    const QLocale locale;
    switch (column) {
    case FlagTableModel::FlagId:
        return QString::number(f.flagId);
    case FlagTableModel::OrderDate:
        return locale.toString(f.orderDate, QLocale::ShortFormat);
    case FlagTableModel::Product:
        return productText(f);
    case FlagTableModel::Quantity:
        return locale.toString(f.quantity);
    case FlagTableModel::Threshold:
        return locale.toString(f.threshold, 'f', 1);
    case FlagTableModel::ZScore:
        return locale.toString(f.zScore, 'f', 2);
    case FlagTableModel::Status:
        return flagtext::statusLabel(f.status);
    case FlagTableModel::ChangedBy:
        return queries::changedBy(f);
    case FlagTableModel::DetectedAt:
        return locale.toString(f.detectedAt.toLocalTime(), QLocale::ShortFormat);
    }
    return {};
}

QVariant sortValue(const FlagRow &f, int column)
{
    switch (column) {
    case FlagTableModel::FlagId:
        return f.flagId;
    case FlagTableModel::OrderDate:
        return f.orderDate;
    case FlagTableModel::Product:
        return f.productId;
    case FlagTableModel::Quantity:
        return f.quantity;
    case FlagTableModel::Threshold:
        return f.threshold;
    case FlagTableModel::ZScore:
        return f.zScore;
    case FlagTableModel::Status:
        return int(f.status);
    case FlagTableModel::ChangedBy:
        return queries::changedBy(f);
    case FlagTableModel::DetectedAt:
        return f.detectedAt;
    }
    return {};
}

QVariant alignment(int column)
{
    switch (column) {
    case FlagTableModel::FlagId:
    case FlagTableModel::Quantity:
    case FlagTableModel::Threshold:
    case FlagTableModel::ZScore:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
}

QVariant toolTip(const FlagRow &f, int column)
{
    if (column == FlagTableModel::Status && f.statusChangedAt.isValid())
        return FlagTableModel::tr("%1 since %2, by %3")
            .arg(flagtext::statusLabel(f.status),
                 QLocale().toString(f.statusChangedAt.toLocalTime(), QLocale::ShortFormat), queries::changedBy(f));
    if (column == FlagTableModel::ZScore)
        return FlagTableModel::tr("Quantity %1 against a median of %2 and σ %3 (k = %4): threshold %5")
            .arg(f.quantity)
            .arg(f.median, 0, 'f', 1)
            .arg(f.sigma, 0, 'f', 2)
            .arg(f.k, 0, 'f', 1)
            .arg(f.threshold, 0, 'f', 1);
    if (column == FlagTableModel::Product)
        return productText(f);
    return {};
}

QVariant header(int column, int role)
{
    if (role == Qt::DisplayRole) {
        switch (column) {
        case FlagTableModel::FlagId:
            return FlagTableModel::tr("Flag");
        case FlagTableModel::OrderDate:
            return FlagTableModel::tr("Order date");
        case FlagTableModel::Product:
            return FlagTableModel::tr("Product");
        case FlagTableModel::Quantity:
            return FlagTableModel::tr("Quantity");
        case FlagTableModel::Threshold:
            return FlagTableModel::tr("Threshold");
        case FlagTableModel::ZScore:
            return FlagTableModel::tr("z-score");
        case FlagTableModel::Status:
            return FlagTableModel::tr("Status");
        case FlagTableModel::ChangedBy:
            return FlagTableModel::tr("Changed by");
        case FlagTableModel::DetectedAt:
            return FlagTableModel::tr("Detected");
        }
    }
    if (role == Qt::ToolTipRole && column == FlagTableModel::ZScore)
        return FlagTableModel::tr("How many standard deviations the quantity lies above the product's median");
    return {};
}

FlagColumn sortColumn(int column)
{
    switch (column) {
    case FlagTableModel::FlagId:
        return FlagColumn::FlagId;
    case FlagTableModel::OrderDate:
        return FlagColumn::OrderDate;
    case FlagTableModel::Product:
        return FlagColumn::Product;
    case FlagTableModel::Quantity:
        return FlagColumn::Quantity;
    case FlagTableModel::Threshold:
        return FlagColumn::Threshold;
    case FlagTableModel::Status:
        return FlagColumn::Status;
    case FlagTableModel::DetectedAt:
        return FlagColumn::DetectedAt;
    default:
        return FlagColumn::ZScore;
    }
}

} // namespace ecomops::widgets::flagcolumns
