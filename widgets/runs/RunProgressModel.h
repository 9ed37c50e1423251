#pragma once
// The live monitor's table: one row per stage and table of the run in
// progress, fed by the Runner's progress and tableFinished signals. The
// latest stage's rows come first.
#include "core/Progress.h"
#include "runner/RunResult.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace ecomops::widgets {

class RunProgressModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StageColumn,
        TableColumn,
        ProgressColumn,
        RowsColumn,
        RateColumn,
        EtaColumn,
        QuarantinedColumn,
        StateColumn,
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole + 1, // raw value of the column
        FractionRole,                // double 0…1, or -1 when the total is not known
        ToneRole,                    // int: Tone
        StateRole,                   // int: TableState
    };

    struct Row {
        QString stage;
        QString table;
        TableState state = TableState::Queued;
        qint64 rowsDone = 0;
        qint64 rowsExpected = -1;
        double rowsPerSecond = 0;
        qint64 etaMs = -1;
        qint64 quarantined = -1; // known once the table has finished loading
        double fraction() const;
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const Row &row(int row) const { return m_rows.at(std::size_t(row)); }
    int rowOf(const QString &stage, const QString &table) const;
    // Rows done across every stage and table: what the throughput chart differentiates.
    qint64 totalRowsDone() const { return m_totalDone; }

public slots:
    void clear();
    void applyProgress(const ecomops::ProgressEvent &event);
    void applyTableFinished(const ecomops::TableCounts &counts);
    // The run is over: rows still queued or running settle to its outcome.
    void finishRun(ecomops::runner::RunStatus status);

private:
    int ensureRow(const QString &stage, const QString &table);
    void rowChanged(int row);

    std::vector<Row> m_rows;
    QHash<QString, int> m_index; // "stage/table" → row
    qint64 m_totalDone = 0;
};

} // namespace ecomops::widgets
