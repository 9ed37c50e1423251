#include "anomalies/FlagTableModel.h"

#include "anomalies/FlagColumns.h"
#include "anomalies/FlagText.h"
#include "queries/AnomalyQueries.h"

namespace ecomops::widgets {

using anomalies::FlagRow;
using anomalies::FlagStatus;

FlagTableModel::FlagTableModel(QObject *parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<anomalies::TriageResult>();
    qRegisterMetaType<anomalies::FlagRow>();
}

bool FlagTableModel::isSortable(int column)
{
    return column >= 0 && column < ColumnCount && column != ChangedBy;
}

void FlagTableModel::setConninfo(const QString &conninfo)
{
    if (conninfo == m_conninfo)
        return;
    m_conninfo = conninfo;
    reload();
}

void FlagTableModel::setFilter(const anomalies::FlagFilter &filter)
{
    m_filter = filter;
    reload();
}

const FlagRow *FlagTableModel::flagAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int FlagTableModel::rowOfFlag(qint64 flagId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).flagId == flagId)
            return i;
    return -1;
}

int FlagTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FlagTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlagTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FlagRow &f = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return flagcolumns::display(f, index.column());
    case SortRole:
        return flagcolumns::sortValue(f, index.column());
    case Qt::TextAlignmentRole:
        return flagcolumns::alignment(index.column());
    case Qt::ToolTipRole:
        return flagcolumns::toolTip(f, index.column());
    case FlagRole:
        return QVariant::fromValue(f);
    case StatusRole:
        return QVariant::fromValue(f.status);
    case FlagIdRole:
        return f.flagId;
    }
    return {};
}

QVariant FlagTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    return flagcolumns::header(section, role);
}

bool FlagTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        index.column() != Status || (role != Qt::EditRole && role != StatusRole))
        return false;
    std::optional<FlagStatus> status;
    if (value.canConvert<FlagStatus>() && value.userType() == qMetaTypeId<FlagStatus>())
        status = value.value<FlagStatus>();
    else
        status = anomalies::flagStatusFromString(value.toString());
    if (!status || *status == m_rows.at(index.row()).status)
        return false;
    requestTriage({index.row()}, *status, QString());
    return true; // asked: the row changes when the database confirms
}

bool FlagTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_loading && !m_fetching && !m_conninfo.isEmpty() && m_rows.size() < m_total;
}

void FlagTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const qint64 offset = m_rows.size();
    m_pageJob.run([conninfo = m_conninfo, filter = m_filter, sort = m_sort,
                   offset] { return queries::flagPage(conninfo, filter, sort, offset, kPageSize); },
                  [this, offset](const QList<FlagRow> &rows) {
                      m_fetching = false;
                      if (offset != m_rows.size())
                          return;
                      if (rows.isEmpty()) {
                          m_total = m_rows.size(); // fewer than counted: flags went away meanwhile
                          return;
                      }
                      beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
                      m_rows.append(rows);
                      endInsertRows();
                  },
                  [this](const JobFailure &failure) {
                      m_fetching = false;
                      fail(failure);
                  });
}

void FlagTableModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column))
        return;
    const anomalies::FlagColumn sortColumn = flagcolumns::sortColumn(column);
    const bool descending = order == Qt::DescendingOrder;
    if (sortColumn == m_sort.column && descending == m_sort.descending)
        return;
    m_sort.column = sortColumn;
    m_sort.descending = descending;
    reload();
}

void FlagTableModel::reload()
{
    // What was asked of the old list no longer applies to the new one.
    m_pageJob.drop();
    m_refreshJob.drop();
    m_fetching = false;
    if (m_conninfo.isEmpty()) {
        m_reloadJob.drop();
        beginResetModel();
        m_rows.clear();
        m_total = 0;
        m_counts.clear();
        endResetModel();
        setLoading(false);
        emit countsChanged();
        return;
    }
    setLoading(true);
    m_reloadJob.run([conninfo = m_conninfo, filter = m_filter,
                     sort = m_sort] { return queries::firstFlagPage(conninfo, filter, sort, kPageSize); },
                    [this](const queries::FlagPage &page) {
                        beginResetModel();
                        m_rows = page.rows;
                        m_total = std::max<qint64>(page.total, m_rows.size());
                        m_counts = page.counts;
                        endResetModel();
                        emit countsChanged();
                        setLoading(false);
                    },
                    [this](const JobFailure &failure) {
                        fail(failure);
                        setLoading(false);
                    });
}

void FlagTableModel::fail(const JobFailure &failure)
{
    emit loadFailed(failure.message.isEmpty() ? tr("The anomaly flags could not be read from the database.")
                                              : failure.message,
                    failure.detail);
}

void FlagTableModel::refreshFlags(const QList<qint64> &flagIds)
{
    if (m_conninfo.isEmpty())
        return;
    m_refreshJob.run([conninfo = m_conninfo, filter = m_filter, sort = m_sort,
                      flagIds] { return queries::refreshedFlags(conninfo, flagIds, filter, sort); },
                     [this, flagIds](const queries::FlagPage &page) {
                         for (const FlagRow &fresh : page.rows) {
                             const int row = rowOfFlag(fresh.flagId);
                             if (row < 0)
                                 continue;
                             m_rows[row] = fresh;
                             emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
                         }
                         m_counts = page.counts;
                         emit countsChanged();
                         emit flagsRefreshed(flagIds);
                     },
                     [this](const JobFailure &failure) { fail(failure); });
}

anomalies::TriageRequest FlagTableModel::triageRequest(const QList<int> &rows, FlagStatus status,
                                                       const QString &note) const
{
    anomalies::TriageRequest request;
    request.newStatus = status;
    request.note = note;
    request.consoleUser = flagtext::consoleUser();
    for (int row : rows)
        if (const FlagRow *f = flagAt(row))
            request.flags.append({f->flagId, f->version});
    return request;
}

void FlagTableModel::finishTriage(const anomalies::TriageResult &result, const QList<qint64> &flagIds)
{
    emit triageFinished(result);
    // What the database holds now, whether our change went in or someone else's did.
    if (result.kind != anomalies::TriageResult::Kind::NotAllowed)
        refreshFlags(flagIds);
}

void FlagTableModel::requestTriage(const QList<int> &rows, FlagStatus status, const QString &note)
{
    const anomalies::TriageRequest request = triageRequest(rows, status, note);
    if (request.flags.isEmpty() || m_conninfo.isEmpty())
        return;
    QList<qint64> ids;
    for (const anomalies::FlagVersion &v : request.flags)
        ids.append(v.flagId);
    m_triageJob.run([conninfo = m_conninfo, request] { return queries::triageFlags(conninfo, request); },
                    [this, ids](const anomalies::TriageResult &result) { finishTriage(result, ids); },
                    [this, ids](const JobFailure &failure) {
                        anomalies::TriageResult result;
                        result.kind = anomalies::TriageResult::Kind::Failed;
                        result.message = tr("The flags could not be changed: %1").arg(failure.message);
                        result.detail = failure.detail;
                        finishTriage(result, ids);
                    });
}

void FlagTableModel::requestProductTriage(const QList<int> &rows, FlagStatus status, const QString &note)
{
    const anomalies::TriageRequest request = triageRequest(rows, status, note);
    QStringList products;
    for (int row : rows)
        if (const FlagRow *f = flagAt(row); f && !products.contains(f->productId))
            products.append(f->productId);
    if (request.flags.isEmpty() || m_conninfo.isEmpty())
        return;
    m_triageJob.run(
        [conninfo = m_conninfo, request, products] { return queries::triageProducts(conninfo, request, products); },
        [this, products](const anomalies::TriageResult &result) {
            // The loaded rows of these products, and whatever the request changed.
            QList<qint64> ids;
            for (const FlagRow &f : std::as_const(m_rows))
                if (products.contains(f.productId))
                    ids.append(f.flagId);
            for (const anomalies::ChangedFlag &c : result.changed)
                if (!ids.contains(c.flagId))
                    ids.append(c.flagId);
            finishTriage(result, ids);
        },
        [this](const JobFailure &failure) {
            anomalies::TriageResult result;
            result.kind = anomalies::TriageResult::Kind::Failed;
            result.message = tr("The flags could not be changed: %1").arg(failure.message);
            result.detail = failure.detail;
            finishTriage(result, {});
        });
}

void FlagTableModel::exportCsv(const QString &path)
{
    if (m_conninfo.isEmpty()) {
        emit exportFinished(false, tr("Not connected to a database."));
        return;
    }
    m_exportJob.run([conninfo = m_conninfo, filter = m_filter, sort = m_sort,
                     path] { return queries::exportFlags(conninfo, filter, sort, path); },
                    [this, path](qint64 rows) {
                        emit exportFinished(true, (rows == 1 ? tr("1 flag exported to %1").arg(path)
                                                             : tr("%1 flags exported to %2").arg(rows).arg(path)));
                    },
                    [this](const JobFailure &failure) { emit exportFinished(false, failure.text()); });
}

void FlagTableModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

} // namespace ecomops::widgets
