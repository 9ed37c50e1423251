#pragma once
// The run history (ops.pipeline_run) and, for one run, its stage results
// (ops.stage_result), as read by queries/RunQueries.
#include "queries/RunQueries.h"

#include "common/RecordTableModel.h"

namespace ecomops::widgets {

class RunHistoryModel : public RecordTableModel<queries::RunSummary>
{
    Q_OBJECT
public:
    enum Column {
        RunColumn,
        StatusColumn,
        SourceColumn,
        StartedByColumn,
        StartedColumn,
        DurationColumn,
        ReadColumn,
        LoadedColumn,
        QuarantinedColumn,
        QualityColumn,
        AnomaliesColumn,
        NotesColumn, // how many notes; the latest in the tooltip
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole + 1, // raw value of the column
        ToneRole,                    // int: Tone of the status
        RunIdRole,                   // qint64
        RecordRole,                  // QVariant<queries::RunSummary>
    };

    explicit RunHistoryModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRuns(std::vector<queries::RunSummary> runs) { resetRecords(std::move(runs)); }
    const queries::RunSummary &run(int row) const { return m_records.at(std::size_t(row)); }
    int rowOf(qint64 runId) const; // -1 when not listed
};

class StageResultModel : public RecordTableModel<queries::StageResult>
{
    Q_OBJECT
public:
    enum Column {
        StageColumn,
        TableColumn,
        StatusColumn,
        ReadColumn,
        LoadedColumn,
        QuarantinedColumn,
        DurationColumn,
        AttemptsColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Roles { SortRole = Qt::UserRole + 1, ToneRole };

    explicit StageResultModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setStages(std::vector<queries::StageResult> stages) { resetRecords(std::move(stages)); }
    const queries::StageResult &stage(int row) const { return m_records.at(std::size_t(row)); }
};

} // namespace ecomops::widgets
