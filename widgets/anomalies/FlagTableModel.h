#pragma once
// The anomaly flags as a table over the database: pages of kPageSize rows
// fetched lazily on the thread pool (canFetchMore/fetchMore), sorted by the
// server, filtered by a FlagFilter. Edits are requests: setData() and
// requestTriage() ask ops.triage_anomaly, and a row changes only when the
// database has confirmed (refreshFlags re-reads it). How each column reads
// is FlagColumns'; the database calls are queries/AnomalyQueries.
#include "anomalies/FlagQueries.h"
#include "anomalies/Triage.h"
#include "common/JobTracker.h"

#include <QAbstractTableModel>
#include <QMap>

namespace ecomops::widgets {

class FlagTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Status and Changed by early: a narrow list (1280 pixels) still shows them.
    enum Column { FlagId, Product, Quantity, ZScore, Status, ChangedBy, Threshold, OrderDate, DetectedAt, ColumnCount };
    enum Roles {
        SortRole = Qt::UserRole + 1, // raw values
        FlagRole,                    // the whole anomalies::FlagRow
        StatusRole,                  // anomalies::FlagStatus
        FlagIdRole,
    };
    static constexpr int kPageSize = 500;

    explicit FlagTableModel(QObject *parent = nullptr);

    // An empty conninfo empties the model.
    void setConninfo(const QString &conninfo);
    QString conninfo() const { return m_conninfo; }
    void setFilter(const anomalies::FlagFilter &filter);
    const anomalies::FlagFilter &filter() const { return m_filter; }
    const anomalies::FlagSort &flagSort() const { return m_sort; }

    qint64 totalCount() const { return m_total; }
    const QMap<anomalies::FlagStatus, qint64> &statusCounts() const { return m_counts; }
    bool isLoading() const { return m_loading; }
    const anomalies::FlagRow *flagAt(int row) const;
    int rowOfFlag(qint64 flagId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Status column, a FlagStatus (or its name): asks for the change, no note.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static bool isSortable(int column);

public slots:
    // Reads the first page, the total and the counts again.
    void reload();
    // Re-reads these flags where they are loaded (after a triage or a NOTIFY), and the counts.
    void refreshFlags(const QList<qint64> &flagIds);
    // Asks for the change of the flags in `rows`, each at the version shown.
    void requestTriage(const QList<int> &rows, anomalies::FlagStatus status, const QString &note);
    // The same for the flags in `rows` and every New flag of their products,
    // loaded or not: one request, all or none, each flag with its audit row.
    void requestProductTriage(const QList<int> &rows, anomalies::FlagStatus status, const QString &note);
    // Every flag the filter selects (not only the loaded ones), in the current order.
    void exportCsv(const QString &path);

signals:
    void loadingChanged(bool loading);
    void countsChanged();
    void loadFailed(const QString &message, const QString &detail);
    void triageFinished(const ecomops::anomalies::TriageResult &result);
    void flagsRefreshed(const QList<qint64> &flagIds);
    void exportFinished(bool ok, const QString &message);

private:
    void setLoading(bool loading);
    void fail(const JobFailure &failure);
    anomalies::TriageRequest triageRequest(const QList<int> &rows, anomalies::FlagStatus status,
                                           const QString &note) const;
    void finishTriage(const anomalies::TriageResult &result, const QList<qint64> &flagIds);

    QString m_conninfo;
    anomalies::FlagFilter m_filter;
    anomalies::FlagSort m_sort;
    QList<anomalies::FlagRow> m_rows;
    QMap<anomalies::FlagStatus, qint64> m_counts;
    qint64 m_total = 0;
    bool m_loading = false;
    bool m_fetching = false;
    JobTracker m_reloadJob{this};
    JobTracker m_pageJob{this};
    JobTracker m_refreshJob{this, JobTracker::Keep::Every};
    JobTracker m_triageJob{this, JobTracker::Keep::Every};
    JobTracker m_exportJob{this, JobTracker::Keep::Every};
};

} // namespace ecomops::widgets
