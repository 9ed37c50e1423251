#pragma once
// A log view with a level filter and a search field over a RunLogModel;
// follows new lines while scrolled to the bottom. The level filter and the
// column widths persist under `settingsKey`.
#include "core/Progress.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace ecomops::widgets {

class LogFilterProxy;
class RunLogModel;

class RunLogPane : public QWidget
{
    Q_OBJECT
public:
    RunLogPane(RunLogModel *model, const QString &settingsKey, QWidget *parent = nullptr);
    ~RunLogPane() override;

    QTableView *view() const { return m_view; }
    QComboBox *levelFilter() const { return m_level; }
    QLineEdit *searchField() const { return m_search; }
    LogFilterProxy *proxy() const { return m_proxy; }

    void setMinimumLevel(LogLevel level);

private:
    void saveSettings() const;
    void followNewLines();

    RunLogModel *m_model;
    LogFilterProxy *m_proxy;
    QString m_settingsKey;
    QComboBox *m_level;
    QLineEdit *m_search;
    QTableView *m_view;
    bool m_atBottom = true;
};

} // namespace ecomops::widgets
