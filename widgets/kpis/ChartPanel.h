#pragma once
// A card holding one chart (or the heat-map) with its title, a line of
// context, a switch to the data as a sortable table, and exports: the
// picture as PNG and the data as CSV. Files are written off the GUI thread.
#include "common/JobTracker.h"
#include "kpis/KpiCardFrame.h"

class QLabel;
class QHBoxLayout;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace ecomops::widgets {

class KpiTableModel;

class ChartPanel : public KpiCardFrame
{
    Q_OBJECT
public:
    // `fileStem` names exported files ("revenue-trend"); takes ownership of `visual`.
    ChartPanel(const QString &title, const QString &fileStem, QWidget *visual, KpiTableModel *model,
               QWidget *parent = nullptr);

    QString title() const;
    QString fileStem() const { return m_fileStem; }
    void setSubtitle(const QString &text);
    QString subtitle() const;
    // Room right of the title for the chart's own switches.
    void addHeaderWidget(QWidget *widget);

    QWidget *visual() const { return m_visual; }
    KpiTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; } // nullptr when the visual is itself a table
    bool isShowingTable() const;
    void setShowingTable(bool show);

    // Saves what the panel shows (the chart, or the table) / its data.
    // Both report through exported(); false when nothing could be started.
    bool exportPng(const QString &path);
    bool exportCsv(const QString &path);

signals:
    // error empty: `path` was written.
    void exported(const QString &path, const QString &error);

private:
    void choosePngFile();
    void chooseCsvFile();
    QString askForFile(const QString &suffix, const QString &filter);

    QString m_fileStem;
    QLabel *m_title;
    QLabel *m_subtitle;
    QHBoxLayout *m_headerWidgets;
    QToolButton *m_tableToggle = nullptr;
    QStackedWidget *m_stack;
    QWidget *m_visual;
    QTableView *m_table = nullptr;
    KpiTableModel *m_model;
    JobTracker m_exportJob{this, JobTracker::Keep::Every};
};

} // namespace ecomops::widgets
