#include "anomalies/FlagTableModel.h"

#include "anomalies/AnomalyError.h"
#include "anomalies/FlagText.h"
#include "common/Background.h"
#include "csv/Writer.h"

#include <QLocale>

#include <pqxx/pqxx>

#include <memory>

namespace ecomops::widgets {

using anomalies::FlagColumn;
using anomalies::FlagRow;
using anomalies::FlagStatus;

struct FlagTableModel::PageResult {
    quint64 generation = 0;
    bool reset = false; // a reload: replaces the rows
    qint64 offset = 0;
    QList<FlagRow> rows;
    qint64 total = -1; // counted on a reload
    QMap<FlagStatus, qint64> counts;
    QString error;
    QString detail;
};

namespace {

// Runs `body` on a connection of its own, turning failures into words.
template <typename Body> void withConnection(const QString &conninfo, QString &error, QString &detail, Body &&body)
{
    try {
        pqxx::connection conn{conninfo.toStdString()};
        body(conn);
    } catch (const anomalies::AnomalyError &e) {
        error = e.message();
        detail = e.detail();
    } catch (const std::exception &e) {
        error = FlagTableModel::tr("The anomaly flags could not be read from the database.");
        detail = QString::fromStdString(e.what());
    }
}

FlagColumn flagColumn(int column)
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

QString productText(const FlagRow &f)
{
    return f.productName.isEmpty() ? f.productId
                                   : QString(f.productName + QStringLiteral(" (") + f.productId + QLatin1Char(')'));
}

QString changedByText(const FlagRow &f)
{
    if (!f.statusChangedAt.isValid())
        return {};
    return f.statusChangedUser.isEmpty() ? f.statusChangedBy : f.statusChangedUser;
}

} // namespace

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
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FlagId:
            return QString::number(f.flagId);
        case OrderDate:
            return locale.toString(f.orderDate, QLocale::ShortFormat);
        case Product:
            return productText(f);
        case Quantity:
            return locale.toString(f.quantity);
        case Threshold:
            return locale.toString(f.threshold, 'f', 1);
        case ZScore:
            return locale.toString(f.zScore, 'f', 2);
        case Status:
            return flagtext::statusLabel(f.status);
        case ChangedBy:
            return changedByText(f);
        case DetectedAt:
            return locale.toString(f.detectedAt.toLocalTime(), QLocale::ShortFormat);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case FlagId:
            return f.flagId;
        case OrderDate:
            return f.orderDate;
        case Product:
            return f.productId;
        case Quantity:
            return f.quantity;
        case Threshold:
            return f.threshold;
        case ZScore:
            return f.zScore;
        case Status:
            return int(f.status);
        case ChangedBy:
            return changedByText(f);
        case DetectedAt:
            return f.detectedAt;
        }
        break;
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case FlagId:
        case Quantity:
        case Threshold:
        case ZScore:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::ToolTipRole:
        if (index.column() == Status && f.statusChangedAt.isValid())
            return tr("%1 since %2, by %3")
                .arg(flagtext::statusLabel(f.status),
                     locale.toString(f.statusChangedAt.toLocalTime(), QLocale::ShortFormat), changedByText(f));
        if (index.column() == ZScore)
            return tr("Quantity %1 against a median of %2 and σ %3 (k = %4): threshold %5")
                .arg(f.quantity)
                .arg(f.median, 0, 'f', 1)
                .arg(f.sigma, 0, 'f', 2)
                .arg(f.k, 0, 'f', 1)
                .arg(f.threshold, 0, 'f', 1);
        if (index.column() == Product)
            return productText(f);
        break;
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
    if (role == Qt::DisplayRole) {
        switch (section) {
        case FlagId:
            return tr("Flag");
        case OrderDate:
            return tr("Order date");
        case Product:
            return tr("Product");
        case Quantity:
            return tr("Quantity");
        case Threshold:
            return tr("Threshold");
        case ZScore:
            return tr("z-score");
        case Status:
            return tr("Status");
        case ChangedBy:
            return tr("Changed by");
        case DetectedAt:
            return tr("Detected");
        }
    }
    if (role == Qt::ToolTipRole && section == ZScore)
        return tr("How many standard deviations the quantity lies above the product's median");
    return {};
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
    const quint64 generation = m_generation;
    const qint64 offset = m_rows.size();
    runInBackground(
        this,
        [conninfo = m_conninfo, filter = m_filter, sort = m_sort, generation, offset] {
            PageResult r;
            r.generation = generation;
            r.offset = offset;
            withConnection(conninfo, r.error, r.detail, [&](pqxx::connection &conn) {
                r.rows = anomalies::FlagQueries(conn).page(filter, sort, offset, kPageSize);
            });
            return r;
        },
        [this](const PageResult &r) {
            if (r.generation != m_generation)
                return;
            m_fetching = false;
            applyPage(r);
        });
}

void FlagTableModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column))
        return;
    const FlagColumn sortColumn = flagColumn(column);
    const bool descending = order == Qt::DescendingOrder;
    if (sortColumn == m_sort.column && descending == m_sort.descending)
        return;
    m_sort.column = sortColumn;
    m_sort.descending = descending;
    reload();
}

void FlagTableModel::reload()
{
    ++m_generation;
    m_fetching = false;
    if (m_conninfo.isEmpty()) {
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
    const quint64 generation = m_generation;
    runInBackground(
        this,
        [conninfo = m_conninfo, filter = m_filter, sort = m_sort, generation] {
            PageResult r;
            r.generation = generation;
            r.reset = true;
            withConnection(conninfo, r.error, r.detail, [&](pqxx::connection &conn) {
                anomalies::FlagQueries queries(conn);
                r.total = queries.count(filter);
                r.counts = queries.countByStatus(filter);
                r.rows = queries.page(filter, sort, 0, kPageSize);
            });
            return r;
        },
        [this](const PageResult &r) {
            if (r.generation != m_generation)
                return;
            applyPage(r);
            setLoading(false);
        });
}

void FlagTableModel::applyPage(const PageResult &r)
{
    if (!r.error.isEmpty()) {
        emit loadFailed(r.error, r.detail);
        return;
    }
    if (r.reset) {
        beginResetModel();
        m_rows = r.rows;
        m_total = std::max<qint64>(r.total, m_rows.size());
        m_counts = r.counts;
        endResetModel();
        emit countsChanged();
        return;
    }
    if (r.offset != m_rows.size() || r.rows.isEmpty()) {
        if (r.rows.isEmpty())
            m_total = m_rows.size(); // fewer than counted: flags went away meanwhile
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + r.rows.size() - 1));
    m_rows.append(r.rows);
    endInsertRows();
}

void FlagTableModel::refreshFlags(const QList<qint64> &flagIds)
{
    if (m_conninfo.isEmpty())
        return;
    const quint64 generation = m_generation;
    runInBackground(
        this,
        [conninfo = m_conninfo, filter = m_filter, sort = m_sort, flagIds, generation] {
            PageResult r;
            r.generation = generation;
            withConnection(conninfo, r.error, r.detail, [&](pqxx::connection &conn) {
                anomalies::FlagQueries queries(conn);
                if (!flagIds.isEmpty()) {
                    anomalies::FlagFilter only;
                    only.flagIds = flagIds;
                    r.rows = queries.page(only, sort, 0, int(flagIds.size()));
                }
                r.counts = queries.countByStatus(filter);
            });
            return r;
        },
        [this, flagIds](const PageResult &r) {
            if (r.generation != m_generation)
                return;
            if (!r.error.isEmpty()) {
                emit loadFailed(r.error, r.detail);
                return;
            }
            for (const FlagRow &fresh : r.rows) {
                const int row = rowOfFlag(fresh.flagId);
                if (row < 0)
                    continue;
                m_rows[row] = fresh;
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            m_counts = r.counts;
            emit countsChanged();
            emit flagsRefreshed(flagIds);
        });
}

void FlagTableModel::requestTriage(const QList<int> &rows, FlagStatus status, const QString &note)
{
    anomalies::TriageRequest request;
    request.newStatus = status;
    request.note = note;
    request.consoleUser = flagtext::consoleUser();
    QList<qint64> ids;
    for (int row : rows) {
        if (const FlagRow *f = flagAt(row)) {
            request.flags.append({f->flagId, f->version});
            ids.append(f->flagId);
        }
    }
    if (request.flags.isEmpty() || m_conninfo.isEmpty())
        return;
    runInBackground(
        this,
        [conninfo = m_conninfo, request] {
            anomalies::TriageResult result;
            try {
                pqxx::connection conn{conninfo.toStdString()};
                result = anomalies::triage(conn, request);
            } catch (const std::exception &e) {
                result.kind = anomalies::TriageResult::Kind::Failed;
                result.message = tr("The database could not be reached to change the flags.");
                result.detail = QString::fromStdString(e.what());
            }
            return result;
        },
        [this, ids](const anomalies::TriageResult &result) {
            emit triageFinished(result);
            // What the database holds now, whether our change went in or someone else's did.
            if (result.kind != anomalies::TriageResult::Kind::NotAllowed)
                refreshFlags(ids);
        });
}

void FlagTableModel::exportCsv(const QString &path)
{
    if (m_conninfo.isEmpty()) {
        emit exportFinished(false, tr("Not connected to a database."));
        return;
    }
    struct ExportResult {
        qint64 rows = 0;
        QString error;
        QString detail;
    };
    runInBackground(
        this,
        [conninfo = m_conninfo, filter = m_filter, sort = m_sort, path] {
            ExportResult r;
            withConnection(conninfo, r.error, r.detail, [&](pqxx::connection &conn) {
                anomalies::FlagQueries queries(conn);
                csv::Writer out(path.toStdString());
                out.writeRecord({"flag_id", "order_id", "line_no", "order_date", "product_id", "product_name",
                                 "quantity", "median", "sigma", "k", "threshold", "z_score", "status", "version",
                                 "changed_by", "changed_at", "detected_at", "run_id"});
                constexpr int kChunk = 5000;
                for (qint64 offset = 0;; offset += kChunk) {
                    const QList<FlagRow> rows = queries.page(filter, sort, offset, kChunk);
                    for (const FlagRow &f : rows) {
                        out.field(f.flagId);
                        out.field(f.orderId.toStdString());
                        out.field(f.lineNo);
                        out.field(f.orderDate.toString(Qt::ISODate).toStdString());
                        out.field(f.productId.toStdString());
                        out.field(f.productName.toStdString());
                        out.field(f.quantity);
                        out.field(f.median);
                        out.field(f.sigma);
                        out.field(f.k);
                        out.field(f.threshold);
                        out.field(f.zScore);
                        out.field(anomalies::statusName(f.status).toStdString());
                        out.field(f.version);
                        out.field(changedByText(f).toStdString());
                        out.field(f.statusChangedAt.isValid()
                                      ? f.statusChangedAt.toUTC().toString(Qt::ISODate).toStdString()
                                      : std::string());
                        out.field(f.detectedAt.toUTC().toString(Qt::ISODate).toStdString());
                        out.field(f.runId);
                        out.endRecord();
                        ++r.rows;
                    }
                    if (rows.size() < kChunk)
                        break;
                }
                out.close();
            });
            return r;
        },
        [this, path](const ExportResult &r) {
            if (!r.error.isEmpty())
                emit exportFinished(false, r.error + QLatin1Char(' ') + r.detail);
            else
                emit exportFinished(true, (r.rows == 1 ? tr("1 flag exported to %1").arg(path)
                                                       : tr("%1 flags exported to %2").arg(r.rows).arg(path)));
        });
}

void FlagTableModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

} // namespace ecomops::widgets
