#pragma once
// A run's log lines (live from the Runner, or read back from ops.run_log),
// and the proxy the log panes filter it with: a minimum level and a text.
#include "core/Progress.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <deque>
#include <vector>

namespace ecomops::widgets {

class RunLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, StageColumn, MessageColumn, ColumnCount };
    enum Roles {
        SortRole = Qt::UserRole + 1,
        LevelRole, // int: LogLevel
        ToneRole,  // int: Tone
    };

    // The oldest lines go first beyond this many.
    static constexpr int kMaxLines = 20000;

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const LogLine &line(int row) const { return m_lines.at(std::size_t(row)); }
    // All lines as plain text, one per line (for copying and error details).
    QString toPlainText(LogLevel minimum = LogLevel::Debug) const;

public slots:
    void clear();
    void append(const ecomops::LogLine &line);
    void setLines(const std::vector<ecomops::LogLine> &lines);

private:
    std::deque<LogLine> m_lines;
};

class LogFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit LogFilterProxy(QObject *parent = nullptr);

    LogLevel minimumLevel() const { return m_minimum; }
    void setMinimumLevel(LogLevel level);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    LogLevel m_minimum = LogLevel::Info;
};

} // namespace ecomops::widgets
