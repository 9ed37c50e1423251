#include "runs/RunLogModel.h"

#include "common/RecordTableModel.h"
#include "core/EnumNames.h"
#include "runs/RunText.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace ecomops::widgets {
namespace {

Tone toneOf(LogLevel level)
{
    constexpr EnumValue<LogLevel, Tone> tones[] = {{LogLevel::Debug, Tone::Neutral},
                                                   {LogLevel::Info, Tone::Active},
                                                   {LogLevel::Warning, Tone::Warning},
                                                   {LogLevel::Error, Tone::Bad}};
    return enumValue(tones, level, Tone::Neutral);
}

} // namespace

int RunLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int RunLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogLine &l = m_lines[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(l.at.toLocalTime().time(), QStringLiteral("HH:mm:ss"));
        case LevelColumn:
            return RunText::level(l.level);
        case StageColumn:
            return RunText::stage(l.stage);
        case MessageColumn:
            return l.message;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == MessageColumn)
            return l.message;
        if (index.column() == TimeColumn)
            return QLocale().toString(l.at.toLocalTime(), QLocale::LongFormat);
        break;
    case SortRole:
        return columnValue(index.column(), {l.at, int(l.level), l.stage, l.message});
    case Qt::ForegroundRole:
        if (index.column() == LevelColumn || l.level >= LogLevel::Warning)
            return toneColor(toneOf(l.level), QGuiApplication::palette());
        if (index.column() == TimeColumn || index.column() == StageColumn)
            return toneColor(Tone::Neutral, QGuiApplication::palette());
        break;
    case LevelRole:
        return int(l.level);
    case ToneRole:
        return int(toneOf(l.level));
    }
    return {};
}

QVariant RunLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const titles[ColumnCount] = {QT_TR_NOOP("Time"), QT_TR_NOOP("Level"), QT_TR_NOOP("Stage"),
                                                    QT_TR_NOOP("Message")};
    return tr(titles[section]);
}

QString RunLogModel::toPlainText(LogLevel minimum) const
{
    QString text;
    for (const LogLine &l : m_lines) {
        if (l.level < minimum)
            continue;
        text += l.at.toLocalTime().toString(Qt::ISODate) + QLatin1Char(' ') + toString(l.level) + QLatin1Char(' ') +
                l.stage + QStringLiteral(": ") + l.message + QLatin1Char('\n');
    }
    return text;
}

void RunLogModel::clear()
{
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

void RunLogModel::append(const LogLine &line)
{
    if (int(m_lines.size()) >= kMaxLines) {
        beginRemoveRows({}, 0, 0);
        m_lines.pop_front();
        endRemoveRows();
    }
    const int row = int(m_lines.size());
    beginInsertRows({}, row, row);
    m_lines.push_back(line);
    endInsertRows();
}

void RunLogModel::setLines(const std::vector<LogLine> &lines)
{
    beginResetModel();
    const std::size_t skip = lines.size() > std::size_t(kMaxLines) ? lines.size() - std::size_t(kMaxLines) : 0;
    m_lines.assign(lines.begin() + std::ptrdiff_t(skip), lines.end());
    endResetModel();
}

LogFilterProxy::LogFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setFilterKeyColumn(-1);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(RunLogModel::SortRole);
}

void LogFilterProxy::setMinimumLevel(LogLevel level)
{
    if (level == m_minimum)
        return;
    m_minimum = level;
    invalidateFilter();
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(RunLogModel::LevelRole).toInt() < int(m_minimum))
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace ecomops::widgets
