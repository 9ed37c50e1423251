#pragma once
// How a flag reads in each column of the flag list: its text, the raw value
// it sorts by, its alignment and tooltip, and the column's header. The
// columns are FlagTableModel's; the model only holds and fetches the rows.
#include "anomalies/FlagQueries.h"

#include <QVariant>

namespace ecomops::widgets::flagcolumns {

QVariant display(const anomalies::FlagRow &flag, int column);
QVariant sortValue(const anomalies::FlagRow &flag, int column);
QVariant alignment(int column);
QVariant toolTip(const anomalies::FlagRow &flag, int column);
QVariant header(int column, int role);
// The server's sort column for a model column (the z-score for any other).
anomalies::FlagColumn sortColumn(int column);
QString productText(const anomalies::FlagRow &flag);

} // namespace ecomops::widgets::flagcolumns
